using Mailroom.Core.Common;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Queues;
using Mailroom.Core.Reports;
using Mailroom.Core.ServiceLevels;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Tests.ServiceLevels;
using Mailroom.Core.Users;

namespace Mailroom.Core.Tests.Reports;

/// <summary>The service-level report over a period: each target counted once where it settled, offers by how they ended.</summary>
public sealed class ServiceLevelReportTests
{
    [Fact]
    public async Task Report_OneMetOneMissed_FiftyPercent_OffersByOutcome_AndTheCsvSaysTheSame()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var (ann, bob) = ((await h.AddAgentsAsync(1))[0], (await h.AddAgentsAsync(1))[0]);
        await h.AddQueueAsync(RoutingStrategy.RingAll, [ann, bob], timeoutSeconds: 7200);
        await SlaClockTests.AddPolicyAsync(h, new SlaPolicyInput("Within the hour", h.AccountId, null, null, 60, null, null, null, null, null));
        var dayStart = h.Now.Date;

        // Rung to both: Ann says no, Bob takes it after two minutes and answers 30 minutes later.
        var quick = await MailAsync(h, "q");
        var offers = await h.OffersAsync(quick);
        await h.RejectAsync(ann, offers.Single(o => o.UserId == ann).Id);
        await h.AdvanceAsync(120);
        await h.AcceptAsync(bob, offers.Single(o => o.UserId == bob).Id);
        await h.AdvanceAsync(30 * 60);
        await h.RunAsync<Reply>(r => r.RunAsync(new Actor(bob, Role.Agent), quick, new ComposeInput { Body = "Done.", Format = BodyFormat.Text }, default));
        // Nobody takes the second one: it rings on, and breaches after the hour.
        await MailAsync(h, "s");
        await h.AdvanceAsync(61 * 60);

        await using var db = h.Database.NewContext();
        var report = await new ServiceLevelReports(db, h.Clock).RunAsync(Actor.System, new ReportRequest(dayStart, dayStart.AddDays(1)), default);

        var account = Assert.Single(report.Accounts);
        var firstResponse = account.Targets.Single(t => t.Kind == SlaKind.FirstResponse);
        Assert.Equal((1, 1, 50.0), (firstResponse.Met, firstResponse.Missed, firstResponse.Percent));
        Assert.Equal(new Duration(32, 32), firstResponse.WorkingTime);
        Assert.All(account.Targets.Where(t => t.Kind != SlaKind.FirstResponse), t => Assert.Null(t.Percent));
        Assert.Equal(new OfferFigures(Made: 4, Accepted: 1, Rejected: 1, TimedOut: 0, Withdrawn: 0, TimeToAccept: new Duration(2, 2)), account.Offers);
        Assert.Equal(new Duration(77, 93), account.OpenNowAge);
        Assert.Equal(50, Assert.Single(report.Trend).Percent);
        var csv = ServiceLevelReports.ToCsv(report).Split('\n');
        Assert.StartsWith("account,first_response_met,first_response_missed,first_response_percent,first_response_mean_min,", csv[0], StringComparison.Ordinal);
        Assert.StartsWith($"{account.AccountKey},1,1,50.0,32.0,32.0,0,0,,,,0,0,,,,4,1,1,0,0,2.0,2.0,77.0,93.0", csv[1], StringComparison.Ordinal);
    }

    private static Task<long> MailAsync(RoutingHarness h, string tag) => h.NewInteractionFromMailAsync($"""
        From: Carla Customer <carla@customer.test>
        To: support@example.test
        Subject: Order {tag}
        Message-ID: <{tag}@customer.test>
        Content-Type: text/plain

        Where is it?
        """);
}
