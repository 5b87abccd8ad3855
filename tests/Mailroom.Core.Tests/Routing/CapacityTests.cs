using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Microsoft.EntityFrameworkCore;

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

/// <summary>Queue weight (0–10): a freed agent in several queues gets the heavier queue's waiting interaction first.</summary>
public sealed class QueueWeightTests
{
    [Theory]
    [InlineData(9, 1, "newer")]
    [InlineData(1, 9, "older")]
    [InlineData(5, 5, "older")]
    public async Task AgentComesOnline_WaitingInTwoQueues_HeavierQueueFirstThenOldest(int newerWeight, int olderWeight, string expected)
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1, Users.Presence.Offline, capacity: 1))[0];
        var olderQueue = await h.AddQueueAsync(Queues.RoutingStrategy.RingAll, [agent], servesAccount: false, weight: olderWeight);
        var newerQueue = await h.AddQueueAsync(Queues.RoutingStrategy.RingAll, [agent], servesAccount: false, weight: newerWeight);
        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = olderQueue, TimeoutSeconds = 600 });
        var older = await h.NewInteractionAsync();
        await using (var db = h.Database.NewContext())
        {
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.ActionPlanSteps);
        }

        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = newerQueue, TimeoutSeconds = 600 });
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await h.NewInteractionAsync();

        await h.SetPresenceAsync(agent, Users.Presence.Online);

        var first = expected == "newer" ? newer : older;
        var second = expected == "newer" ? older : newer;
        Assert.Equal([agent], await h.OfferedToAsync(first));
        Assert.Empty(await h.OfferedToAsync(second));
    }

    [Theory]
    [InlineData("read", false)]
    [InlineData("tags", false)]
    [InlineData("unassigned", true)]
    public async Task InteractionChanged_OnlyAChangeThatCanFreeCapacity_RunsTheWaitingOnesAgain(string what, bool routed)
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1, capacity: 1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        var busy = await h.NewInteractionAsync(assignedUserId: agent);
        var waiting = await h.NewInteractionAsync();
        Assert.Empty(await h.OfferedToAsync(waiting));
        // Room appears without an event of its own, so only the announced change can make routing notice it.
        await using (var db = h.Database.NewContext())
        {
            await db.Users.Where(u => u.Id == agent).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailCapacity, 2));
        }

        await h.AnnounceChangeAsync(busy, what);

        Assert.Equal(routed ? [agent] : [], await h.OfferedToAsync(waiting));
    }
}
