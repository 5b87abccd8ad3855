using Mailroom.Core.Queues;
using Mailroom.Core.Routing;

namespace Mailroom.Core.Tests.Routing;

/// <summary>Timers are rows: whatever instance runs next picks them up where the last one stopped.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task OfferTimeout_InstanceRestarted_NewInstanceExpiresItAndOffersTheNextAgent()
    {
        await using var first = await RoutingHarness.CreateAsync();
        var agents = await first.AddAgentsAsync(2);
        await first.AddQueueAsync(RoutingStrategy.LeastRecent, agents, timeoutSeconds: 30);
        var id = await first.NewInteractionAsync();
        Assert.Equal([agents[0]], await first.OfferedToAsync(id));

        await using var restarted = first.NewInstance();
        await restarted.AdvanceAsync(30);

        Assert.Equal([agents[1]], await restarted.OfferedToAsync(id));
    }

    [Fact]
    public async Task TimerPass_TwoInstancesAtOnce_MoveTheInteractionOnOnce()
    {
        await using var a = await RoutingHarness.CreateAsync();
        var agents = await a.AddAgentsAsync(3);
        await a.AddQueueAsync(RoutingStrategy.LeastRecent, agents, timeoutSeconds: 30);
        var id = await a.NewInteractionAsync();
        await using var b = a.NewInstance();

        await Task.WhenAll(a.AdvanceAsync(30), b.AdvanceAsync(30));

        Assert.Equal([agents[1]], await a.OfferedToAsync(id));
        Assert.Single(await a.OffersAsync(id, OfferState.Expired));
    }
}
