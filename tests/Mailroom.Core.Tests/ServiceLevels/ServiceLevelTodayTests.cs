using Mailroom.Core.Common;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Queues;
using Mailroom.Core.ServiceLevels;
using Mailroom.Core.Supervision;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Users;

namespace Mailroom.Core.Tests.ServiceLevels;

/// <summary>The live board's service level today: met in time, missed, at risk and breached, from the clocks themselves.</summary>
public sealed class ServiceLevelTodayTests
{
    [Fact]
    public async Task Board_OneAnsweredInTimeOneBreachedOneAtRisk_SaysFiftyPercentAndCountsTheOpenOnes()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1, capacity: 10))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        await SlaClockTests.AddPolicyAsync(h, new SlaPolicyInput("Answer within the hour", h.AccountId, null, null, 60, null, null, 50, null, null));

        var answered = await MailAsync(h, "a");
        var late = await MailAsync(h, "b");
        await h.AcceptAsync(agent, (await h.OffersAsync(answered)).Single().Id);
        await h.AcceptAsync(agent, (await h.OffersAsync(late)).Single().Id);
        await ReplyAsync(h, agent, answered);
        await h.AdvanceAsync(60 * 60);
        var atRisk = await MailAsync(h, "c");
        await h.AdvanceAsync(31 * 60);

        var board = (await h.RunAsync<LiveBoard, LiveCounters>(b => b.GetAsync(Actor.System, h.AccountId, default))).ServiceLevel;

        Assert.Equal(new ServiceLevelFigures(Met: 1, Missed: 1, AtRisk: 1, Breached: 1), board.Account);
        Assert.Equal(50, board.Account.Percent);
        Assert.Equal(h.Now.Date, board.DayStartUtc);
        // The one still waiting has been taken by no queue yet: it is shown apart from the queue that answered the others.
        Assert.Equal([("Not taken by a queue yet", new ServiceLevelFigures(0, 0, 1, 0)), (board.Queues[1].QueueName, new ServiceLevelFigures(1, 1, 0, 1))],
            board.Queues.Select(q => (q.QueueName, q.Figures)));
        Assert.Null((await h.InteractionAsync(atRisk)).QueueId);
    }

    [Fact]
    public async Task Board_TargetMetYesterday_IsNotCountedToday()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        await SlaClockTests.AddPolicyAsync(h, new SlaPolicyInput("Answer within the hour", h.AccountId, null, null, 60, null, null, 50, null, null));
        var id = await MailAsync(h, "y");
        await h.AcceptAsync(agent, (await h.OffersAsync(id)).Single().Id);
        await ReplyAsync(h, agent, id);

        await h.AdvanceAsync(24 * 3600);
        var board = (await h.RunAsync<LiveBoard, LiveCounters>(b => b.GetAsync(Actor.System, h.AccountId, default))).ServiceLevel;

        Assert.Equal(new ServiceLevelFigures(0, 0, 0, 0), board.Account);
        Assert.Null(board.Account.Percent);
    }

    private static Task<long> MailAsync(RoutingHarness h, string tag) => h.NewInteractionFromMailAsync($"""
        From: Carla Customer <carla@customer.test>
        To: support@example.test
        Subject: Parcel {tag}
        Message-ID: <{tag}@customer.test>
        Content-Type: text/plain

        Where is it?
        """);

    // A minute after the mail: an answer takes the agent some time.
    private static async Task ReplyAsync(RoutingHarness h, int agent, long id)
    {
        await h.AdvanceAsync(60);
        await h.RunAsync<Reply>(r => r.RunAsync(new Actor(agent, Role.Agent), id, new ComposeInput { Body = "On its way.", Format = BodyFormat.Text }, default));
    }
}
