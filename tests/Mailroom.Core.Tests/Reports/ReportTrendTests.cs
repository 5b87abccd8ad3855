using Mailroom.Core.Reports;

namespace Mailroom.Core.Tests.Reports;

public sealed class ReportTrendTests
{
    private static DateTime Utc(int month, int day, int hour = 0) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Of_AMonth_HasADayPerStep_EmptyDaysIncluded_ReceivedAndClosedEachInTheirOwnDay()
    {
        var trend = ReportTrend.Of(Utc(11, 1), Utc(12, 1),
        [
            (Utc(11, 3, 9), Utc(11, 3, 10), Utc(11, 5, 12)),
            (Utc(11, 3, 15), null, null),
        ]);

        Assert.Equal(30, trend.Count);
        var third = trend.Single(p => p.Start == Utc(11, 3));
        Assert.Equal((2, 0, 60.0), (third.Received, third.Closed, third.FirstResponseMeanMinutes));
        Assert.Equal(1, trend.Single(p => p.Start == Utc(11, 5)).Closed);
        Assert.Null(trend.Single(p => p.Start == Utc(11, 4)).FirstResponseMeanMinutes);
    }

    [Fact]
    public void StepFor_GrowsWithThePeriod_AndAWeekStartsOnMonday()
    {
        Assert.Equal(TrendStep.Day, ReportTrend.StepFor(Utc(11, 1), Utc(12, 1)));
        Assert.Equal(TrendStep.Week, ReportTrend.StepFor(Utc(1, 1), Utc(7, 1)));
        Assert.Equal(TrendStep.Month, ReportTrend.StepFor(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Utc(1, 1)));
        Assert.Equal(Utc(11, 30), ReportTrend.StartOf(Utc(12, 6, 18), TrendStep.Week));
        Assert.Equal(Utc(12, 1), ReportTrend.StartOf(Utc(12, 6, 18), TrendStep.Month));
    }
}
