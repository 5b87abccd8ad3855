using Mailroom.Core.Calendars;

namespace Mailroom.Core.ServiceLevels;

/// <summary>
/// Time counted only inside a working-hours interval: how much has elapsed between two instants, and when a
/// given amount will have elapsed. It walks the interval's spans in UTC, so a DST switch or a holiday lands
/// where <see cref="WorkingHours.IsInside"/> says it does (the tests compare the two minute by minute).
/// A null interval means around the clock.
/// </summary>
public static class WorkingTime
{
    // A target that cannot be met within a year of working spans (an interval that is never inside) has no due time.
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(400);

    public static TimeSpan Elapsed(WorkingInterval? interval, DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc)
        {
            return TimeSpan.Zero;
        }

        if (interval is null)
        {
            return toUtc - fromUtc;
        }

        var total = TimeSpan.Zero;
        foreach (var (start, end) in Spans(interval, fromUtc, toUtc))
        {
            total += end - start;
        }

        return total;
    }

    /// <summary>The instant at which <paramref name="amount"/> of working time after <paramref name="fromUtc"/> has passed.</summary>
    public static DateTime? Add(WorkingInterval? interval, DateTime fromUtc, TimeSpan amount)
    {
        if (interval is null)
        {
            return fromUtc + amount;
        }

        var left = amount;
        foreach (var (start, end) in Spans(interval, fromUtc, fromUtc + Horizon))
        {
            if (end - start >= left)
            {
                return start + left;
            }

            left -= end - start;
        }

        return null;
    }

    /// <summary>The working spans inside [from, to), in order; adjacent spans are merged.</summary>
    public static IEnumerable<(DateTime Start, DateTime End)> Spans(WorkingInterval interval, DateTime fromUtc, DateTime toUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(interval.TimeZone);
        DateTime? open = null;
        var at = fromUtc;
        while (at < toUtc)
        {
            var next = Min(NextChange(interval, zone, at), toUtc);
            var inside = WorkingHours.IsInside(interval, at);
            if (inside && open is null)
            {
                open = at;
            }
            else if (!inside && open is { } start)
            {
                yield return (start, at);
                open = null;
            }

            at = next;
        }

        if (open is { } last)
        {
            yield return (last, toUtc);
        }
    }

    // The next instant after utc at which IsInside may change: a part's start or end on this local day, local
    // midnight, or a change of the zone's offset (DST), whichever comes first.
    private static DateTime NextChange(WorkingInterval interval, TimeZoneInfo zone, DateTime utc)
    {
        var offset = zone.GetUtcOffset(utc);
        var local = utc + offset;
        var minuteOfDay = (local.Hour * 60) + local.Minute;
        var boundary = Boundaries(interval, DateOnly.FromDateTime(local)).First(b => b > minuteOfDay);
        var candidate = local.Date.AddMinutes(boundary) - offset;
        if (zone.GetUtcOffset(candidate) == offset)
        {
            return candidate;
        }

        // The offset changes before the boundary: find the first whole minute with the new offset (transitions
        // fall on whole minutes), so the next step converts with the right offset.
        var (low, high) = (utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMinute)), candidate);
        while (high - low > TimeSpan.FromMinutes(1))
        {
            var mid = low + TimeSpan.FromMinutes(Math.Floor((high - low).TotalMinutes / 2));
            (low, high) = zone.GetUtcOffset(mid) == offset ? (mid, high) : (low, mid);
        }

        return high;
    }

    // Minutes of the local day (ascending, ending with 1440) at which IsInside can flip, mirroring its rules:
    // a part's day conditions are checked on the local date, "to" is minute-inclusive, a wrapping part is inside
    // from 0 to "to" and from "from" to midnight.
    private static SortedSet<int> Boundaries(WorkingInterval interval, DateOnly day)
    {
        var set = new SortedSet<int> { 24 * 60 };
        if (!interval.Rules.Holidays.Contains(day))
        {
            foreach (var part in interval.Rules.Parts)
            {
                set.Add(WorkingHours.ParseMinute(part.From) ?? 0);
                set.Add((WorkingHours.ParseMinute(part.To) ?? ((24 * 60) - 1)) + 1);
            }
        }

        return set;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
