namespace Mailroom.Core.Reports;

/// <summary>One step of the trend: interactions received and closed, and the mean first response of those received.</summary>
public sealed record TrendPoint(DateTime Start, int Received, int Closed, double? FirstResponseMeanMinutes);

/// <summary>The size of a trend's step, chosen by the length of the period so a chart has tens of steps, not hundreds.</summary>
public enum TrendStep
{
    Day = 0,
    Week = 1,
    Month = 2,
}

/// <summary>
/// The report's trend over time: every step of the period, empty ones included so gaps show. Each
/// interaction counts as received in the step it arrived, and as closed in the step it was closed.
/// </summary>
public static class ReportTrend
{
    public static TrendStep StepFor(DateTime from, DateTime to) => (to - from).TotalDays switch
    {
        <= 62 => TrendStep.Day,
        <= 366 => TrendStep.Week,
        _ => TrendStep.Month,
    };

    public static IReadOnlyList<TrendPoint> Of(DateTime from, DateTime to, IReadOnlyCollection<(DateTime Created, DateTime? FirstResponse, DateTime? Closed)> rows)
    {
        var points = new List<TrendPoint>();
        foreach (var (start, end) in Steps(from, to))
        {
            var received = rows.Where(r => r.Created >= start && r.Created < end).ToList();
            var responses = received.Where(r => r.FirstResponse != null).Select(r => (r.FirstResponse!.Value - r.Created).TotalMinutes).ToList();
            points.Add(new TrendPoint(start, received.Count, rows.Count(r => r.Closed >= start && r.Closed < end),
                responses.Count == 0 ? null : Math.Round(responses.Average(), 1)));
        }

        return points;
    }

    /// <summary>Every step of the period, in order, empty ones included.</summary>
    public static IEnumerable<(DateTime Start, DateTime End)> Steps(DateTime from, DateTime to)
    {
        var step = StepFor(from, to);
        for (var start = StartOf(from, step); start < to; start = Next(start, step))
        {
            yield return (start, Next(start, step));
        }
    }

    /// <summary>The step that holds <paramref name="at"/>: its day, its ISO week's Monday, or the first of its month.</summary>
    public static DateTime StartOf(DateTime at, TrendStep step) => step switch
    {
        TrendStep.Week => at.Date.AddDays(-(((int)at.DayOfWeek + 6) % 7)),
        TrendStep.Month => new DateTime(at.Year, at.Month, 1, 0, 0, 0, at.Kind),
        _ => at.Date,
    };

    private static DateTime Next(DateTime start, TrendStep step) => step switch
    {
        TrendStep.Week => start.AddDays(7),
        TrendStep.Month => start.AddMonths(1),
        _ => start.AddDays(1),
    };
}
