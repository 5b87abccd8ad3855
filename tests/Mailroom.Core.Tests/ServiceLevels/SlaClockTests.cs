using Mailroom.Core.Calendars;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Queues;
using Mailroom.Core.ServiceLevels;
using Mailroom.Core.Storage;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Tests.ServiceLevels;

/// <summary>
/// Service-level clocks driven by real use cases (a customer mail, the accepting agent's reply, Pending) and
/// the timer worker's pass, with the fake clock moved across closing time, a weekend and the DST switch.
/// </summary>
public sealed class SlaClockTests
{
    private const string Mail = """
        From: Carla Customer <carla@customer.test>
        To: support@example.test
        Subject: Where is my parcel?
        Message-ID: <p1@customer.test>
        Content-Type: text/plain

        It has been a week.
        """;

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Fact]
    public async Task FirstResponse_ArrivingFridayEvening_AtRiskFridayAndBreachedMondayAfterTheDstSwitch()
    {
        await using var h = await RoutingHarness.CreateAsync();
        // Friday 27 March 2026, 17:30 in Rome (UTC+1); summer time starts on Sunday the 29th.
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 27, 16, 30, 0, TimeSpan.Zero));
        var interval = await AddRomeOfficeAsync(h);
        await AddPolicyAsync(h, new SlaPolicyInput("Standard", h.AccountId, null, interval, 60, null, null, 50, null, null));

        var id = await h.NewInteractionFromMailAsync(Mail);
        var clock = await ClockAsync(h, id, SlaKind.FirstResponse);
        // 30 working minutes on Friday, 30 on Monday from 9:00 Rome, which is 7:00 UTC by then.
        Assert.Equal(new DateTime(2026, 3, 30, 7, 30, 0, DateTimeKind.Utc), clock.DueAt);
        Assert.Equal(new DateTime(2026, 3, 27, 17, 0, 0, DateTimeKind.Utc), clock.AtRiskAt);

        await h.AdvanceAsync(29 * 60);
        Assert.Null((await ClockAsync(h, id, SlaKind.FirstResponse)).AtRiskReachedAt);
        await h.AdvanceAsync(60);
        Assert.NotNull((await ClockAsync(h, id, SlaKind.FirstResponse)).AtRiskReachedAt);

        h.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 30, 7, 29, 0, TimeSpan.Zero));
        await h.AdvanceAsync(0);
        Assert.Null((await ClockAsync(h, id, SlaKind.FirstResponse)).BreachedAt);
        await h.AdvanceAsync(60);
        Assert.Equal(new DateTime(2026, 3, 30, 7, 30, 0, DateTimeKind.Utc), (await ClockAsync(h, id, SlaKind.FirstResponse)).BreachedAt);
        Assert.Equal(["sla-started", "sla-at-risk", "sla-breached"], await SlaHistoryAsync(h, id));
        Assert.Equal(["at-risk", "breached"], (await h.EventsAsync(nameof(ServiceLevelReached))).Select(e => EventLog.Read<ServiceLevelReached>(e).Mark));
    }

    [Fact]
    public async Task Reply_ByTheAcceptingAgent_MeetsFirstResponse_AndSendAsPendingPausesResolution()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        var pending = await PendingAsync(h);
        await AddPolicyAsync(h, new SlaPolicyInput("Around the clock", h.AccountId, null, null, 60, 30, 120, null, null, null));
        var id = await h.NewInteractionFromMailAsync(Mail);
        await h.AcceptAsync(agent, (await h.OffersAsync(id)).Single().Id);

        await h.AdvanceAsync(30 * 60);
        await h.RunAsync<Reply>(r => r.RunAsync(new Actor(agent, Role.Agent), id,
            new ComposeInput { Body = "On its way.", Format = BodyFormat.Text, Send = SendAction.SendAs, SubStatusId = pending }, default));

        var first = await ClockAsync(h, id, SlaKind.FirstResponse);
        Assert.Equal(h.Now, first.StoppedAt);
        Assert.Null(first.BreachedAt);
        var resolution = await ClockAsync(h, id, SlaKind.Resolution);
        Assert.True(resolution.IsPaused);
        Assert.Equal(TimeSpan.FromMinutes(30), resolution.Used);

        // Five hours in Pending cost nothing; cleared, the remaining 90 minutes run from then.
        await h.AdvanceAsync(5 * 3600);
        Assert.Null((await ClockAsync(h, id, SlaKind.Resolution)).BreachedAt);
        await h.RunAsync<SetSubStatus>(s => s.RunAsync(new Actor(agent, Role.Agent), id, null, default));
        Assert.Equal(h.Now.AddMinutes(90), (await ClockAsync(h, id, SlaKind.Resolution)).DueAt);

        await h.AdvanceAsync(90 * 60);
        Assert.Equal(h.Now, (await ClockAsync(h, id, SlaKind.Resolution)).BreachedAt);
        Assert.Equal(["sla-started", "sla-started", "sla-met", "sla-paused", "sla-resumed", "sla-at-risk", "sla-breached"], await SlaHistoryAsync(h, id));
    }

    [Fact]
    public async Task NextResponse_CustomerWritesAfterAReply_StartsAtTheMessage_AndTheNextReplyMeetsIt()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        await AddPolicyAsync(h, new SlaPolicyInput("Replies", h.AccountId, null, null, null, 15, null, null, null, null));
        var id = await h.NewInteractionFromMailAsync(Mail);
        await h.AcceptAsync(agent, (await h.OffersAsync(id)).Single().Id);
        var reply = new ComposeInput { Body = "Checking.", Format = BodyFormat.Text };
        await h.RunAsync<Reply>(r => r.RunAsync(new Actor(agent, Role.Agent), id, reply, default));
        Assert.Empty(await ClocksAsync(h, id));

        await h.AdvanceAsync(600);
        var written = h.Now;
        await CustomerWritesAsync(h, id);
        await h.AdvanceAsync(12 * 60); // at risk after 75 % of 15 minutes
        var clock = await ClockAsync(h, id, SlaKind.NextResponse);
        Assert.Equal(written, clock.StartedAt);
        Assert.NotNull(clock.AtRiskReachedAt);

        await h.RunAsync<Reply>(r => r.RunAsync(new Actor(agent, Role.Agent), id, reply, default));
        await h.AdvanceAsync(3600);
        clock = await ClockAsync(h, id, SlaKind.NextResponse);
        Assert.Equal(written.AddMinutes(12), clock.StoppedAt);
        Assert.Null(clock.BreachedAt);
    }

    [Fact]
    public async Task ScheduledReply_AnswersWhenItLeaves_NotWhenItWasWritten()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        await AddPolicyAsync(h, new SlaPolicyInput("Within the hour", h.AccountId, null, null, 60, null, null, null, null, null));
        var id = await h.NewInteractionFromMailAsync(Mail);
        await h.AcceptAsync(agent, (await h.OffersAsync(id)).Single().Id);
        await h.AdvanceAsync(10 * 60);

        var queued = await h.RunAsync<Reply, QueuedMessage>(r => r.RunAsync(new Actor(agent, Role.Agent), id,
            new ComposeInput { Body = "Tomorrow morning.", Format = BodyFormat.Text, SendAt = h.Now.AddHours(2) }, default));
        await h.AdvanceAsync(60 * 60);
        Assert.NotNull((await ClockAsync(h, id, SlaKind.FirstResponse)).BreachedAt);

        // What the sender does at the chosen minute (another feature): the row is sent and says so.
        await h.AdvanceAsync(50 * 60);
        await using (var db = h.Database.NewContext())
        {
            await db.Outbox.Where(o => o.MessageId == queued.MessageId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Sent).SetProperty(o => o.SentAt, h.Now));
            db.Append(new OutboundStatusChanged(queued.MessageId, id, h.AccountId, OutboxState.Sent, 1, null), h.Now, h.AccountId, id);
            await db.SaveChangesAsync();
        }

        await h.AdvanceAsync(0);
        var clock = await ClockAsync(h, id, SlaKind.FirstResponse);
        Assert.Equal(h.Now, clock.StoppedAt);
        Assert.Equal(["sla-started", "sla-at-risk", "sla-breached", "sla-met-late"], await SlaHistoryAsync(h, id));
    }

    [Fact]
    public async Task Sync_EventHandledTwice_StartsNoSecondClock()
    {
        await using var h = await RoutingHarness.CreateAsync();
        await AddPolicyAsync(h, new SlaPolicyInput("Standard", h.AccountId, null, null, 60, null, 240, null, null, null));
        var id = await h.NewInteractionFromMailAsync(Mail);
        await h.RunAsync<SyncClocks>(s => s.RunAsync(id, h.Now, default));
        Assert.Equal(2, (await ClocksAsync(h, id)).Count);
    }

    internal static async Task<int> AddRomeOfficeAsync(RoutingHarness h)
    {
        await using var db = h.Database.NewContext();
        var interval = new WorkingInterval
        {
            Name = "Rome office",
            TimeZone = "Europe/Rome",
            Rules = new IntervalRules([new SubInterval("9:00", "12:59", Weekdays), new SubInterval("14:00", "17:59", Weekdays)], []),
        };
        db.Intervals.Add(interval);
        await db.SaveChangesAsync();
        return interval.Id;
    }

    internal static Task<SlaPolicyView> AddPolicyAsync(RoutingHarness h, SlaPolicyInput input) =>
        h.RunAsync<SlaPolicyCommands, SlaPolicyView>(c => c.CreateAsync(Actor.System, input, default));

    internal static async Task<SlaClock> ClockAsync(RoutingHarness h, long id, SlaKind kind) =>
        (await ClocksAsync(h, id)).Single(c => c.Kind == kind);

    internal static async Task<List<SlaClock>> ClocksAsync(RoutingHarness h, long id)
    {
        await using var db = h.Database.NewContext();
        return await db.SlaClocks.AsNoTracking().Where(c => c.InteractionId == id).OrderBy(c => c.Id).ToListAsync();
    }

    internal static async Task<List<string>> SlaHistoryAsync(RoutingHarness h, long id)
    {
        await using var db = h.Database.NewContext();
        return await db.History.Where(e => e.InteractionId == id && e.Action.StartsWith("sla-")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
    }

    /// <summary>What ingestion stores for a customer's follow-up: the message, then MessageStored.</summary>
    internal static async Task CustomerWritesAsync(RoutingHarness h, long id)
    {
        await using (var db = h.Database.NewContext())
        {
            var message = new Message
            {
                InteractionId = id,
                AccountId = h.AccountId,
                Direction = MessageDirection.Incoming,
                From = "carla@customer.test",
                Subject = "Re: Where is my parcel?",
                TextBody = "Any news?",
                RawSha256 = await h.Blobs.PutAsync("Any news?"u8.ToArray()),
                CreatedAt = h.Now,
            };
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            db.Append(new MessageStored(id, message.Id, h.AccountId, MessageDirection.Incoming, 1), h.Now, h.AccountId, id);
            await db.SaveChangesAsync();
        }

        await h.AnnounceChangeAsync(id, "read");
    }

    private static async Task<int> PendingAsync(RoutingHarness h)
    {
        await using var scope = h.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        await new SubStatusCatalog(db, h.Clock).EnsureDefaultAsync(default);
        return await db.SubStatuses.Where(s => s.IsBuiltIn).Select(s => s.Id).SingleAsync();
    }
}
