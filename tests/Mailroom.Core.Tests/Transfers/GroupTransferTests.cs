using Mailroom.Core.Common;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Transfers;
using Mailroom.Core.Users;

namespace Mailroom.Core.Tests.Transfers;

/// <summary>Transfers between groups, one or in batch.</summary>
public sealed class GroupTransferTests
{
    [Fact]
    public async Task ToGroupMember_AssignsAtOnce_SourceSeesItUnderTransferred_ReceiverSeesWhoHadItBefore()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agents = await h.AddAgentsAsync(2);
        var (source, receiver) = (agents[0], agents[1]);
        var group = await h.AddGroupAsync([(receiver, 0)], h.AccountId);
        var id = await h.CustomerInteractionAsync(source);

        var items = await TransferAsync(h, Agent(source), group, receiver, id);

        Assert.Equal(new GroupTransferItem(id, true, null, null, receiver), Assert.Single(items));
        var moved = await h.InteractionAsync(id);
        Assert.Equal((receiver, group), (moved.AssignedUserId!.Value, moved.QueueId!.Value));
        var transferred = await h.RunAsync<TransferViews, IReadOnlyList<TransferredRow>>(v => v.TransferredAsync(Agent(source), 50, default));
        Assert.Equal(id, Assert.Single(transferred).InteractionId);
        Assert.Empty(await h.RunAsync<TransferViews, IReadOnlyList<TransferredRow>>(v => v.TransferredAsync(Agent(receiver), 50, default)));
        var hops = await h.RunAsync<TransferViews, IReadOnlyList<TransferHop>>(v => v.HopsAsync(Agent(receiver), id, default));
        Assert.Equal(("Agent", "Agent"), (Assert.Single(hops).FromAgent, hops[0].ToAgent));
    }

    [Fact]
    public async Task AfterAGroupTransfer_TheSourceAgentCanNoLongerReply_TheReceiverCan()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agents = await h.AddAgentsAsync(2);
        var (source, receiver) = (agents[0], agents[1]);
        var group = await h.AddGroupAsync([(receiver, 0)], h.AccountId);
        var id = await h.CustomerInteractionAsync(source);
        await TransferAsync(h, Agent(source), group, receiver, id);
        var answer = new ComposeInput { Body = "<p>Hello</p>" };

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<Reply, QueuedMessage>(r => r.RunAsync(Agent(source), id, answer, default)));
        var sent = await h.RunAsync<Reply, QueuedMessage>(r => r.RunAsync(Agent(receiver), id, answer, default));

        Assert.Contains("read-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal(id, sent.InteractionId);
    }

    [Fact]
    public async Task ToGroupWithoutMember_OffersToItsBestPriorityAvailableAgents()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agents = await h.AddAgentsAsync(4);
        var group = await h.AddGroupAsync([(agents[1], 1), (agents[2], 0), (agents[3], 0)], h.AccountId);
        await h.SetPresenceAsync(agents[3], Presence.Paused);
        var id = await h.CustomerInteractionAsync(agents[0]);

        await TransferAsync(h, Agent(agents[0]), group, null, id);

        Assert.Equal([agents[2]], await h.OfferedToAsync(id));
        await h.AcceptAsync(agents[2], (await h.OffersAsync(id))[0].Id);
        Assert.Equal(TransferOutcome.Accepted, Assert.Single(await h.RecordsAsync(id)).Outcome);
    }

    [Fact]
    public async Task ToGroupWithoutMember_NobodyAvailable_WaitsInTheSupervisorsUnassignedView_UntilSomeoneComesOnline()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var source = (await h.AddAgentsAsync(1))[0];
        var offline = (await h.AddAgentsAsync(1, Presence.Offline))[0];
        var supervisor = (await h.AddAgentsAsync(1))[0];
        var group = await h.AddGroupAsync([(offline, 0)], h.AccountId);
        var id = await h.CustomerInteractionAsync(source);

        await TransferAsync(h, Agent(source), group, null, id);

        var unassigned = await h.RunAsync<TransferViews, IReadOnlyList<UnassignedRow>>(v => v.UnassignedAsync(new Actor(supervisor, Role.Supervisor), null, default));
        var row = Assert.Single(unassigned, r => r.InteractionId == id);
        Assert.Equal(group, row.QueueId);
        Assert.Equal("Agent", row.PreviousAgent);
        await h.SetPresenceAsync(offline, Presence.Online);
        Assert.Equal([offline], await h.OfferedToAsync(id));
    }

    [Fact]
    public async Task Batch_ReportsEachItemsOutcome_AndLeavesRefusedItemsExactlyAsTheyWere()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agents = await h.AddAgentsAsync(2);
        var (source, member) = (agents[0], agents[1]);
        var elsewhere = await h.AddAccountAsync(source);
        var noRule = await h.AddAccountAsync(source, member);
        var group = await h.AddGroupAsync([(member, 0)], h.AccountId, elsewhere);
        var ok = await h.CustomerInteractionAsync(source);
        var memberNotOnAccount = await h.CustomerInteractionAsync(source, elsewhere);
        var withoutRule = await h.CustomerInteractionAsync(source, noRule);
        var before = await h.InteractionAsync(withoutRule);

        var items = await TransferAsync(h, new Actor(source, Role.Supervisor), group, member, ok, memberNotOnAccount, withoutRule, 999_999);

        Assert.Equal([true, false, false, false], items.Select(i => i.Transferred));
        Assert.Equal([null, "agentNotAllowedOnAccount", "noRoutingRule", "notFound"], items.Select(i => i.Reason));
        Assert.All(items.Skip(1), i => Assert.False(string.IsNullOrWhiteSpace(i.Message)));
        var after = await h.InteractionAsync(withoutRule);
        Assert.Equal((before.Version, before.AssignedUserId, before.QueueId), (after.Version, after.AssignedUserId, after.QueueId));
        Assert.Equal(source, (await h.InteractionAsync(memberNotOnAccount)).AssignedUserId);
        Assert.Empty(await h.RecordsAsync(memberNotOnAccount));
        Assert.Equal(member, (await h.InteractionAsync(ok)).AssignedUserId);
    }

    [Fact]
    public async Task ToGroupMember_WhoIsPaused_FailsAsNotAvailable()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agents = await h.AddAgentsAsync(2);
        await h.SetPresenceAsync(agents[1], Presence.Paused);
        var group = await h.AddGroupAsync([(agents[1], 0)], h.AccountId);
        var id = await h.CustomerInteractionAsync(agents[0]);

        var item = Assert.Single(await TransferAsync(h, Agent(agents[0]), group, agents[1], id));

        Assert.Equal("agentNotAvailable", item.Reason);
        Assert.Contains("paused", item.Message, StringComparison.Ordinal);
    }

    private static Task<IReadOnlyList<GroupTransferItem>> TransferAsync(RoutingHarness h, Actor actor, int group, int? member, params long[] ids) =>
        h.RunAsync<TransferToGroup, IReadOnlyList<GroupTransferItem>>(t => t.RunAsync(actor, new GroupTransferInput(ids, group, member), default));

    private static Actor Agent(int id) => new(id, Role.Agent);
}
