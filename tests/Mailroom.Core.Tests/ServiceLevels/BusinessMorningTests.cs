using Mailroom.Core.Calendars;
using Mailroom.Core.ServiceLevels;

namespace Mailroom.Core.Tests.ServiceLevels;

/// <summary>"The next business morning" in Rome's office hours (9–13, 14–18 on weekdays), across a weekend, a holiday and the DST switch.</summary>
public sealed class BusinessMorningTests
{
    private static readonly WorkingInterval Rome = new()
    {
        Name = "Rome office",
        TimeZone = "Europe/Rome",
        Rules = new IntervalRules(
            [new SubInterval("9:00", "12:59", [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]),
             new SubInterval("14:00", "17:59", [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday])],
            [new DateOnly(2026, 3, 31)]),
    };

    [Theory]
    // Friday 27 March, 10:00 Rome (UTC+1): Monday 30 March 9:00, in summer time by then (UTC+2).
    [InlineData("2026-03-27T09:00:00Z", "2026-03-30T07:00:00Z")]
    // Monday 7:00 Rome, before opening: the same morning.
    [InlineData("2026-03-30T05:00:00Z", "2026-03-30T07:00:00Z")]
    // Monday over lunch: the afternoon is no morning; Tuesday 31 is a holiday, so Wednesday.
    [InlineData("2026-03-30T11:30:00Z", "2026-04-01T07:00:00Z")]
    public void Next_IsTheFirstOpeningOfAWorkingDayAfterNow(string now, string expected) =>
        Assert.Equal(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
            BusinessMorning.Next(Rome, DateTime.Parse(now, null, System.Globalization.DateTimeStyles.AdjustToUniversal)));

    [Fact]
    public void Next_WithoutWorkingHours_IsNineUtcTheNextDay() =>
        Assert.Equal(new DateTime(2026, 3, 28, 9, 0, 0, DateTimeKind.Utc), BusinessMorning.Next(null, new DateTime(2026, 3, 27, 22, 0, 0, DateTimeKind.Utc)));
}
