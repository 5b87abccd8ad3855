using Mailroom.Core.Common;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Transfers;
using Mailroom.Core.Users;

namespace Mailroom.Core.Tests.Transfers;

/// <summary>Transfers to a queue or an agent: offered with the account's timeout, back to the sender if nobody takes it.</summary>
public sealed class OfferedTransferTests
{
    [Fact]
    public async Task ToQueue_NobodyAcceptsInTime_ReturnsToTheSenderUnread_AndSaysSo()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var (sender, other) = await TwoAgentsAsync(h);
        var queue = await h.AddQueueAsync(RoutingStrategy.RingAll, [other], timeoutSeconds: 10, servesAccount: false);
        await h.AllowAsync(queueTimeout: 30);
        var id = await h.CustomerInteractionAsync(sender);

        await h.RunAsync<TransferToQueue, TransferRecord>(t => t.RunAsync(Agent(sender), id, queue, null, default));

        var offer = Assert.Single(await h.OffersAsync(id));
        Assert.Equal((other, OfferReason.Transfer, queue), (offer.UserId, offer.Reason, offer.QueueId!.Value));
        Assert.Null((await h.InteractionAsync(id)).AssignedUserId);
        await h.AdvanceAsync(10);
        Assert.Empty(await h.OffersAsync(id));
        Assert.Null((await h.InteractionAsync(id)).AssignedUserId);

        await h.AdvanceAsync(20);

        var back = await h.InteractionAsync(id);
        Assert.Equal(sender, back.AssignedUserId);
        Assert.True(back.UnreadCount > 0);
        var ended = Assert.Single(await h.EventsAsync(nameof(TransferEnded)));
        Assert.Contains("\"outcome\":\"returned\"", ended.Payload, StringComparison.Ordinal);
        Assert.Equal(TransferOutcome.Returned, Assert.Single(await h.RecordsAsync(id)).Outcome);
        Assert.Equal(RoutingState.Done, (await h.TaskAsync(id)).State);
    }

    [Fact]
    public async Task ToAgent_OfferedOnlyToThatAgentForTheAccountsTimeout_AcceptMakesThemTheOwner()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var (sender, other) = await TwoAgentsAsync(h);
        await h.AddQueueAsync(RoutingStrategy.RingAll, [sender, other]);
        await h.AllowAsync(agentTimeout: 20);
        var id = await h.CustomerInteractionAsync(sender);

        await h.RunAsync<TransferToAgent, TransferRecord>(t => t.RunAsync(Agent(sender), id, other, null, default));

        var offer = Assert.Single(await h.OffersAsync(id));
        Assert.Equal((other, h.Now.AddSeconds(20)), (offer.UserId, offer.DueAt));
        await h.AcceptAsync(other, offer.Id);
        Assert.Equal(other, (await h.InteractionAsync(id)).AssignedUserId);
        var ended = Assert.Single(await h.EventsAsync(nameof(TransferEnded)));
        Assert.Contains("\"outcome\":\"accepted\"", ended.Payload, StringComparison.Ordinal);
        var record = Assert.Single(await h.RecordsAsync(id));
        Assert.Equal((TransferOutcome.Accepted, sender, other), (record.Outcome, record.FromUserId!.Value, record.ToUserId!.Value));
    }

    [Fact]
    public async Task ToAgent_PausedOrNotOnTheAccount_IsRefusedWithTheReason_AndNothingChanges()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var (sender, paused) = await TwoAgentsAsync(h);
        var stranger = (await h.AddAgentsAsync(1, memberOfAccount: false))[0];
        await h.SetPresenceAsync(paused, Presence.Paused);
        await h.AllowAsync();
        var id = await h.CustomerInteractionAsync(sender);

        var notAvailable = await Assert.ThrowsAsync<TransferRefusedException>(() =>
            h.RunAsync<TransferToAgent, TransferRecord>(t => t.RunAsync(Agent(sender), id, paused, null, default)));
        var notAllowed = await Assert.ThrowsAsync<TransferRefusedException>(() =>
            h.RunAsync<TransferToAgent, TransferRecord>(t => t.RunAsync(Agent(sender), id, stranger, null, default)));

        Assert.Equal(TransferRefusal.AgentNotAvailable, notAvailable.Reason);
        Assert.Equal(TransferRefusal.AgentNotAllowedOnAccount, notAllowed.Reason);
        Assert.Equal(sender, (await h.InteractionAsync(id)).AssignedUserId);
        Assert.Empty(await h.RecordsAsync(id));
    }

    [Fact]
    public async Task Transfer_WhereTheAccountDoesNotAllowIt_OrWithoutACustomerMessage_IsRefused()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var (sender, other) = await TwoAgentsAsync(h);
        var queue = await h.AddQueueAsync(RoutingStrategy.RingAll, [other]);
        var id = await h.CustomerInteractionAsync(sender);

        var toQueue = await Assert.ThrowsAsync<TransferRefusedException>(() =>
            h.RunAsync<TransferToQueue, TransferRecord>(t => t.RunAsync(Agent(sender), id, queue, null, default)));
        await h.AllowAsync();
        var empty = await h.CustomerInteractionAsync(sender, withCustomerMessage: false);
        var noMessage = await Assert.ThrowsAsync<TransferRefusedException>(() =>
            h.RunAsync<TransferToQueue, TransferRecord>(t => t.RunAsync(Agent(sender), empty, queue, null, default)));

        Assert.Equal(TransferRefusal.NotAllowedByAccount, toQueue.Reason);
        Assert.Equal(TransferRefusal.NoInboundMessage, noMessage.Reason);
    }

    [Fact]
    public async Task Transfer_OfSomeoneElsesInteractionByAnAgent_IsForbidden_ButASupervisorMayAndItReturnsToTheOwner()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var (owner, other) = await TwoAgentsAsync(h);
        var supervisor = (await h.AddAgentsAsync(1))[0];
        await h.AllowAsync(agentTimeout: 5);
        var id = await h.CustomerInteractionAsync(owner);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            h.RunAsync<TransferToAgent, TransferRecord>(t => t.RunAsync(Agent(other), id, other, null, default)));
        await h.RunAsync<TransferToAgent, TransferRecord>(t => t.RunAsync(new Actor(supervisor, Role.Supervisor), id, other, null, default));
        await h.AdvanceAsync(5);

        Assert.Equal(owner, (await h.InteractionAsync(id)).AssignedUserId);
    }

    private static Actor Agent(int id) => new(id, Role.Agent);

    private static async Task<(int, int)> TwoAgentsAsync(RoutingHarness h)
    {
        var agents = await h.AddAgentsAsync(2);
        return (agents[0], agents[1]);
    }
}
