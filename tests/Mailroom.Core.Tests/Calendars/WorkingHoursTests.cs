using Mailroom.Core.Calendars;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Tests.Routing;

namespace Mailroom.Core.Tests.Calendars;

/// <summary>Intervals: parts in a time zone, minute-inclusive, holidays never inside.</summary>
public sealed class WorkingHoursTests
{
    // Rome office hours, weekdays 9:00–13:00 and 14:00–18:00; 25 December is a holiday.
    private static readonly WorkingInterval Rome = new()
    {
        Name = "Rome office",
        TimeZone = "Europe/Rome",
        Rules = new IntervalRules(
            [new SubInterval("9:00", "13:00", [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]),
             new SubInterval("14:00", "18:00", [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday])],
            [new DateOnly(2026, 12, 25)]),
    };

    public static TheoryData<string, bool> RomeTimes => new()
    {
        { "2026-03-02T07:59:59Z", false }, // Monday 8:59:59 in Rome (UTC+1)
        { "2026-03-02T08:00:00Z", true },  // 9:00
        { "2026-03-02T12:00:59Z", true },  // 13:00:59: the last minute is inside
        { "2026-03-02T12:01:00Z", false }, // 13:01
        { "2026-03-02T13:00:00Z", true },  // 14:00
        { "2026-03-28T08:30:00Z", false }, // Saturday
        { "2026-03-30T07:30:00Z", true },  // Monday after the switch to summer time (UTC+2): 9:30 in Rome
        { "2026-03-30T16:30:00Z", false }, // 18:30 in Rome, still 17:30 in UTC+1 reckoning
        { "2026-03-01T23:30:00Z", false }, // Sunday in UTC, Monday 0:30 in Rome: outside the hours
        { "2026-12-25T09:00:00Z", false }, // a Friday, but a holiday
        { "2026-12-24T09:00:00Z", true },
    };

    [Theory]
    [MemberData(nameof(RomeTimes))]
    public void IsInside_RomeOfficeHours_MatchesLocalTimeAndHolidays(string utc, bool inside) =>
        Assert.Equal(inside, WorkingHours.IsInside(Rome, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime));

    [Theory]
    [InlineData("2026-01-05T22:30:00Z", true)]  // 23:30 in Rome, inside a 22:00–2:00 night shift
    [InlineData("2026-01-06T00:59:00Z", true)]  // 1:59
    [InlineData("2026-01-06T01:00:00Z", true)]  // 2:00:00, the last minute
    [InlineData("2026-01-06T01:01:00Z", false)] // 2:01
    [InlineData("2026-01-06T20:00:00Z", false)] // 21:00
    public void IsInside_RangePastMidnight_Wraps(string utc, bool inside)
    {
        var night = new WorkingInterval { Name = "Night", TimeZone = "Europe/Rome", Rules = new([new SubInterval("22:00", "2:00")], []) };
        Assert.Equal(inside, WorkingHours.IsInside(night, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime));
    }

    [Theory]
    [InlineData("2026-03-03T08:30:00Z", "inHours")]     // Tuesday 9:30 in Rome
    [InlineData("2026-03-02T17:30:00Z", "outOfHours")]  // Monday 18:30 in Rome
    [InlineData("2026-12-25T09:00:00Z", "outOfHours")]  // holiday
    public async Task Plan_StepBoundToInterval_IsSkippedOutsideIt(string utc, string expected)
    {
        await using var h = await RoutingHarness.CreateAsync();
        h.Clock.SetUtcNow(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        var sales = (await h.AddAgentsAsync(1))[0];
        var night = (await h.AddAgentsAsync(1))[0];
        var salesQueue = await h.AddQueueAsync(RoutingStrategy.RingAll, [sales], servesAccount: false);
        var nightQueue = await h.AddQueueAsync(RoutingStrategy.RingAll, [night], servesAccount: false);
        int intervalId;
        await using (var db = h.Database.NewContext())
        {
            var interval = new WorkingInterval { Name = Rome.Name, TimeZone = Rome.TimeZone, Rules = Rome.Rules };
            db.Intervals.Add(interval);
            await db.SaveChangesAsync();
            intervalId = interval.Id;
        }

        await h.SetPlanAsync(
            new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = salesQueue, TimeoutSeconds = 60, IntervalId = intervalId },
            new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = nightQueue, TimeoutSeconds = 60 });

        var id = await h.NewInteractionAsync();

        Assert.Equal(expected == "inHours" ? [sales] : [night], await h.OfferedToAsync(id));
    }
}
