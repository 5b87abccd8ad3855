using Mailroom.Core.Queues;
using Mailroom.Core.Routing;

namespace Mailroom.Core.Tests.Routing;

/// <summary>An agent is never offered more than their email capacity, whichever path the offer takes.</summary>
public sealed class CapacityTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public async Task AgentStep_AgentAtCapacity_IsNotOffered(int capacity, bool offered)
    {
        await using var h = await RoutingHarness.CreateAsync();
        var expert = (await h.AddAgentsAsync(1, capacity: capacity))[0];
        await h.NewInteractionAsync(assignedUserId: expert);
        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.Agent, UserId = expert, TimeoutSeconds = 30 });

        var id = await h.NewInteractionAsync();

        Assert.Equal(offered ? [expert] : [], await h.OfferedToAsync(id));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public async Task StickyOwner_OwnerAtCapacity_IsNotOfferedAndTheQueueTakesOver(int capacity, bool offered)
    {
        await using var h = await RoutingHarness.CreateAsync();
        var owner = (await h.AddAgentsAsync(1, capacity: capacity))[0];
        var colleague = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [owner, colleague]);
        var id = await h.NewInteractionAsync(assignedUserId: owner);
        await h.NewInteractionAsync(assignedUserId: owner);
        await h.NewInteractionAsync(assignedUserId: owner);

        // The interaction the customer writes on is the owner's already: only the other two count as load.
        await h.CustomerWritesAsync(id);
        Assert.Equal(offered ? [owner] : [], await h.OfferedToAsync(id));

        await h.AdvanceAsync(10);
        Assert.Equal([colleague], await h.OfferedToAsync(id));
    }
}
