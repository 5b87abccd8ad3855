using Mailroom.Core.Accounts;
using Mailroom.Core.Events;
using Mailroom.Core.Queues;
using Mailroom.Core.ServiceLevels;
using Mailroom.Core.Tags;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.ServiceLevels;

/// <summary>At risk and breach act: a live alert to the account's supervisors, priority, a tag, the overflow queue.</summary>
public sealed class SlaActionTests
{
    private const string Mail = """
        From: Dario Customer <dario@customer.test>
        To: support@example.test
        Subject: Refund?
        Message-ID: <r1@customer.test>
        Content-Type: text/plain

        Still waiting for my refund.
        """;

    [Fact]
    public async Task Breach_OfAWaitingInteraction_AlertsSupervisors_RaisesPriority_Tags_AndOffersTheOverflowQueue()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var busy = (await h.AddAgentsAsync(1, capacity: 0))[0];
        var overflowAgent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [busy]);
        var overflow = await h.AddQueueAsync(RoutingStrategy.RingAll, [overflowAgent], servesAccount: false);
        var (supervisor, otherSupervisor, tag) = await SupervisorsAndTagAsync(h);
        await SlaClockTests.AddPolicyAsync(h, new SlaPolicyInput("Strict", h.AccountId, null, null, 10, null, null, 50,
            new SlaActionsInput(RaisePriorityTo: 3),
            new SlaActionsInput(NotifySupervisors: true, RaisePriorityTo: 7, OverflowQueueId: overflow, TagId: tag)));

        var id = await h.NewInteractionFromMailAsync(Mail);
        Assert.Empty(await h.OfferedToAsync(id));

        await h.AdvanceAsync(5 * 60);
        Assert.Equal(3, (await h.InteractionAsync(id)).Priority);
        Assert.Empty(await h.EventsAsync(nameof(ServiceLevelAlert)));

        await h.AdvanceAsync(5 * 60);
        Assert.Equal(7, (await h.InteractionAsync(id)).Priority);
        Assert.Equal([overflowAgent], await h.OfferedToAsync(id));
        var alerts = await h.EventsAsync(nameof(ServiceLevelAlert));
        Assert.Equal([supervisor], alerts.Select(e => e.UserId!.Value));
        Assert.Equal("breached", EventLog.Read<ServiceLevelAlert>(alerts[0]).Mark);
        Assert.NotEqual(otherSupervisor, alerts[0].UserId);
        await using var db = h.Database.NewContext();
        Assert.True(await db.InteractionTags.AnyAsync(t => t.InteractionId == id && t.TagId == tag));
        var history = await db.History.Where(e => e.InteractionId == id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["sla-started", "sla-at-risk", "priority", "sla-breached", "sla-supervisors-notified", "priority", "tags", "sla-overflow"],
            history.Where(a => a.StartsWith("sla-", StringComparison.Ordinal) || a is "priority" or "tags"));
    }

    [Fact]
    public async Task Breach_OfAnOwnedInteraction_LeavesItWithItsOwner()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var owner = (await h.AddAgentsAsync(1))[0];
        var overflowAgent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [owner]);
        var overflow = await h.AddQueueAsync(RoutingStrategy.RingAll, [overflowAgent], servesAccount: false);
        await SlaClockTests.AddPolicyAsync(h, new SlaPolicyInput("Strict", h.AccountId, null, null, 10, null, null, null,
            null, new SlaActionsInput(OverflowQueueId: overflow)));
        var id = await h.NewInteractionFromMailAsync(Mail);
        await h.AcceptAsync(owner, (await h.OffersAsync(id)).Single().Id);

        await h.AdvanceAsync(11 * 60);

        Assert.NotNull((await SlaClockTests.ClockAsync(h, id, SlaKind.FirstResponse)).BreachedAt);
        Assert.Equal(owner, (await h.InteractionAsync(id)).AssignedUserId);
        Assert.Empty(await h.OfferedToAsync(id));
    }

    // One supervisor of the account, one of another account; and a tag.
    private static async Task<(int Supervisor, int Other, int Tag)> SupervisorsAndTagAsync(RoutingHarness h)
    {
        await using var db = h.Database.NewContext();
        var other = new EmailAccount { Name = "Other", Key = "OTH", Address = "other@example.test" };
        var mine = new User { Email = "sup@example.test", DisplayName = "Sup", Role = Role.Supervisor };
        var theirs = new User { Email = "sup2@example.test", DisplayName = "Sup 2", Role = Role.Supervisor };
        var tag = new Tag { Name = "SLA breached" };
        db.AddRange(other, mine, theirs, tag);
        await db.SaveChangesAsync();
        db.AccountMembers.AddRange(new AccountMember { AccountId = h.AccountId, UserId = mine.Id }, new AccountMember { AccountId = other.Id, UserId = theirs.Id });
        await db.SaveChangesAsync();
        return (mine.Id, theirs.Id, tag.Id);
    }
}
