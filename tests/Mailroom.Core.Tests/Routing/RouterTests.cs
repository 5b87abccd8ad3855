using Mailroom.Core.Common;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Users;

namespace Mailroom.Core.Tests.Routing;

public sealed class RouterTests
{
    [Fact]
    public async Task InteractionCreated_RingAll_OffersEveryEligibleAgentOfTheAccount()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agents = await h.AddAgentsAsync(3);
        var stranger = (await h.AddAgentsAsync(1, memberOfAccount: false))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [.. agents, stranger]);

        var id = await h.NewInteractionAsync();

        Assert.Equal(agents, (await h.OfferedToAsync(id)).Order());
        var created = await h.EventsAsync(nameof(OfferCreated));
        Assert.Equal(agents, created.Select(e => e.UserId!.Value).Order());
    }

    [Fact]
    public async Task Accept_RingAll_AssignsAndWithdrawsTheOtherOffersAsTaken()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agents = await h.AddAgentsAsync(3);
        await h.AddQueueAsync(RoutingStrategy.RingAll, agents);
        var id = await h.NewInteractionAsync();
        var offers = await h.OffersAsync(id);

        await h.AcceptAsync(agents[1], offers.Single(o => o.UserId == agents[1]).Id);

        var interaction = await h.InteractionAsync(id);
        Assert.Equal(agents[1], interaction.AssignedUserId);
        Assert.Equal(agents[1], interaction.FirstAgentId);
        Assert.Empty(await h.OffersAsync(id));
        var withdrawn = await h.EventsAsync(nameof(OfferWithdrawn));
        Assert.Equal([agents[0], agents[2]], withdrawn.Select(e => e.UserId!.Value).Order());
        Assert.All(withdrawn, e => Assert.Contains("taken", e.Payload, StringComparison.Ordinal));
        var late = offers.Single(o => o.UserId == agents[0]).Id;
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => h.AcceptAsync(agents[0], late));
        Assert.Equal(AcceptOffer.Taken, conflict.Message);
        Assert.Equal(RoutingState.Done, (await h.TaskAsync(id)).State);
    }

    [Fact]
    public async Task RejectThenTimeout_LeastRecent_WalksToTheNextAgentEachTime()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agents = await h.AddAgentsAsync(3);
        await h.AddQueueAsync(RoutingStrategy.LeastRecent, agents, timeoutSeconds: 30);
        var id = await h.NewInteractionAsync();
        Assert.Equal([agents[0]], await h.OfferedToAsync(id));

        await h.RejectAsync(agents[0], (await h.OffersAsync(id))[0].Id);
        Assert.Equal([agents[1]], await h.OfferedToAsync(id));

        await h.AdvanceAsync(29);
        Assert.Equal([agents[1]], await h.OfferedToAsync(id));
        await h.AdvanceAsync(1);
        Assert.Equal([agents[2]], await h.OfferedToAsync(id));
        Assert.Single(await h.OffersAsync(id, OfferState.Expired));
    }

    [Fact]
    public async Task AllAgentsDeclined_WaitsThenStartsANewRoundAfterTheQueueTimeout()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.LeastRecent, [agent], timeoutSeconds: 30);
        var id = await h.NewInteractionAsync();

        await h.RejectAsync(agent, (await h.OffersAsync(id))[0].Id);
        Assert.Empty(await h.OfferedToAsync(id));
        Assert.Equal(RoutingState.Waiting, (await h.TaskAsync(id)).State);

        await h.AdvanceAsync(30);
        Assert.Equal([agent], await h.OfferedToAsync(id));
    }

    [Fact]
    public async Task InteractionCreated_AgentAtCapacity_IsSkipped()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var busy = (await h.AddAgentsAsync(1, capacity: 1))[0];
        var free = (await h.AddAgentsAsync(1, capacity: 1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [busy, free]);
        await h.NewInteractionAsync(assignedUserId: busy);

        var id = await h.NewInteractionAsync();

        Assert.Equal([free], await h.OfferedToAsync(id));
    }

    [Fact]
    public async Task InteractionCreated_PausedAgent_IsSkipped()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var paused = (await h.AddAgentsAsync(1, Presence.Paused))[0];
        var online = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [paused, online]);

        var id = await h.NewInteractionAsync();

        Assert.Equal([online], await h.OfferedToAsync(id));
    }

    [Fact]
    public async Task Waiting_AgentComesOnline_GetsTheOfferAtOnce()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1, Presence.Offline))[0];
        await h.AddQueueAsync(RoutingStrategy.RoundRobinMemory, [agent]);
        var id = await h.NewInteractionAsync();
        Assert.Empty(await h.OfferedToAsync(id));
        Assert.Equal(RoutingState.Waiting, (await h.TaskAsync(id)).State);

        await h.SetPresenceAsync(agent, Presence.Online);

        Assert.Equal([agent], await h.OfferedToAsync(id));
        Assert.Equal(RoutingState.Offering, (await h.TaskAsync(id)).State);
    }

    [Fact]
    public async Task Waiting_CapacityFreedByAClose_IsOfferedAgain()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1, capacity: 1))[0];
        await h.AddQueueAsync(RoutingStrategy.LeastRecent, [agent]);
        var first = await h.NewInteractionAsync(assignedUserId: agent);
        var id = await h.NewInteractionAsync();
        Assert.Empty(await h.OfferedToAsync(id));

        await h.CloseAsync(first);

        Assert.Equal([agent], await h.OfferedToAsync(id));
    }

    [Fact]
    public async Task Pause_WithAnOpenOffer_WithdrawsItAndOffersTheNextAgent()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agents = await h.AddAgentsAsync(2);
        await h.AddQueueAsync(RoutingStrategy.LeastRecent, agents);
        var id = await h.NewInteractionAsync();

        await h.SetPresenceAsync(agents[0], Presence.Paused);

        Assert.Equal([agents[1]], await h.OfferedToAsync(id));
    }

    [Fact]
    public async Task RoundRobinMemory_ConsecutiveInteractions_RotateThroughTheMembers()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agents = await h.AddAgentsAsync(3);
        await h.AddQueueAsync(RoutingStrategy.RoundRobinMemory, agents);

        var offered = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            offered.AddRange(await h.OfferedToAsync(await h.NewInteractionAsync()));
        }

        Assert.Equal([agents[0], agents[1], agents[2], agents[0]], offered);
    }
}
