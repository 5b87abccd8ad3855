using System.Globalization;
using Mailroom.Core.Calendars;
using Mailroom.Core.ServiceLevels;

namespace Mailroom.Core.Tests.ServiceLevels;

/// <summary>Working time in an interval's hours, across closing time, weekends, holidays and DST switches.</summary>
public sealed class WorkingTimeTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    // Rome office hours, weekdays 9:00–12:59 and 14:00–17:59 (minute-inclusive ends: 8 working hours a day).
    private static readonly WorkingInterval Rome = new()
    {
        Name = "Rome office",
        TimeZone = "Europe/Rome",
        Rules = new IntervalRules([new SubInterval("9:00", "12:59", Weekdays), new SubInterval("14:00", "17:59", Weekdays)], [new DateOnly(2026, 4, 6)]),
    };

    private static readonly WorkingInterval NewYorkNights = new()
    {
        Name = "NY nights",
        TimeZone = "America/New_York",
        Rules = new IntervalRules([new SubInterval("22:00", "1:59")], []),
    };

    private static DateTime Utc(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture).UtcDateTime;

    [Theory]
    [InlineData("2026-03-02T11:30:00Z", 60, "2026-03-02T13:30:00Z")]  // Monday 12:30 Rome: 30 min before lunch, 30 after
    [InlineData("2026-03-06T16:00:00Z", 120, "2026-03-09T09:00:00Z")] // Friday 17:00: 1 h on Friday, 1 h on Monday
    [InlineData("2026-03-27T16:30:00Z", 60, "2026-03-30T07:30:00Z")]  // Friday before the switch to summer time: Monday 9:30 is UTC+2
    [InlineData("2026-04-03T15:00:00Z", 120, "2026-04-07T08:00:00Z")] // Friday 17:00 (UTC+2), Easter Monday 6 April is a holiday
    [InlineData("2026-03-02T05:00:00Z", 30, "2026-03-02T08:30:00Z")]  // before opening: counting starts at 9:00
    public void Add_OfficeHours_SkipsClosedTime(string from, int minutes, string expected) =>
        Assert.Equal(Utc(expected), WorkingTime.Add(Rome, Utc(from), TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Elapsed_OverAWeek_IsFiveWorkingDays() =>
        Assert.Equal(TimeSpan.FromHours(40), WorkingTime.Elapsed(Rome, Utc("2026-03-02T00:00:00Z"), Utc("2026-03-09T00:00:00Z")));

    [Fact]
    public void Elapsed_NoInterval_IsWallClock() =>
        Assert.Equal(TimeSpan.FromMinutes(90), WorkingTime.Elapsed(null, Utc("2026-03-02T00:00:00Z"), Utc("2026-03-02T01:30:00Z")));

    [Fact]
    public void Add_IntervalNeverInside_HasNoDueTime()
    {
        var never = new WorkingInterval { Name = "never", TimeZone = "UTC", Rules = new([new SubInterval(Months: [2], MonthDays: [30])], []) };
        Assert.Null(WorkingTime.Add(never, Utc("2026-03-02T00:00:00Z"), TimeSpan.FromMinutes(1)));
    }

    // The spans must agree with IsInside at every minute: around both DST switches (Rome in March and
    // October, a New York night shift across midnight in November when 1:00–1:59 happens twice).
    [Theory]
    [InlineData("Rome", "2026-03-27T00:00:00Z")]
    [InlineData("Rome", "2026-10-23T00:00:00Z")]
    [InlineData("Rome", "2026-04-02T00:00:00Z")]
    [InlineData("NY", "2026-10-30T00:00:00Z")]
    [InlineData("NY", "2026-03-06T00:00:00Z")]
    public void Spans_EveryMinuteOfAWeek_MatchIsInside(string which, string from)
    {
        var interval = which == "Rome" ? Rome : NewYorkNights;
        var start = Utc(from);
        var end = start.AddDays(7);
        var spans = WorkingTime.Spans(interval, start, end).ToList();
        for (var t = start; t < end; t = t.AddMinutes(1))
        {
            var inSpan = spans.Any(s => s.Start <= t && t < s.End);
            Assert.True(WorkingHours.IsInside(interval, t) == inSpan, $"{t:u}: IsInside {!inSpan}, spans {inSpan}");
        }
    }

    [Fact]
    public void Elapsed_NightShiftOnFallBackNight_CountsTheRepeatedHour()
    {
        // 1 November 2026: 1:00–1:59 EDT and again 1:00–1:59 EST, so the night shift 22:00–1:59 lasts 5 hours.
        var night = WorkingTime.Elapsed(NewYorkNights, Utc("2026-11-01T00:00:00Z"), Utc("2026-11-01T12:00:00Z"));
        Assert.Equal(TimeSpan.FromHours(5), night);
    }
}
