using Mailroom.Core.Calendars;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.ServiceLevels;

/// <summary>
/// "The next business morning": when the account's working day next begins, for parking until then and for
/// sending then. The account's hours are those its service level is measured in (its own policy, else the one
/// for every account); without any, a morning is 09:00 UTC on the next day.
/// </summary>
public static class BusinessMorning
{
    private static readonly TimeSpan LookAhead = TimeSpan.FromDays(14);
    private static readonly TimeSpan DefaultOpening = TimeSpan.FromHours(9);

    public static async Task<WorkingInterval?> AccountHoursAsync(MailroomDb db, int accountId, CancellationToken ct)
    {
        var intervalId = await db.SlaPolicies.AsNoTracking()
            .Where(p => p.QueueId == null && p.IntervalId != null && (p.AccountId == accountId || p.AccountId == null))
            .OrderByDescending(p => p.AccountId != null).ThenBy(p => p.Id).Select(p => p.IntervalId).FirstOrDefaultAsync(ct);
        return intervalId is { } id ? await db.Intervals.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) : null;
    }

    /// <summary>The first start of a working day after <paramref name="nowUtc"/>: a working span with no working time before it on its local day.</summary>
    public static DateTime Next(WorkingInterval? interval, DateTime nowUtc)
    {
        if (interval is not null)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(interval.TimeZone);
            foreach (var (start, _) in WorkingTime.Spans(interval, nowUtc, nowUtc + LookAhead))
            {
                if (start > nowUtc && WorkingTime.Elapsed(interval, LocalMidnight(start, zone), start) == TimeSpan.Zero)
                {
                    return start;
                }
            }
        }

        return nowUtc.Date.AddDays(1) + DefaultOpening;
    }

    /// <summary>The start of <paramref name="utc"/>'s local day in <paramref name="zone"/>, as a UTC instant.</summary>
    internal static DateTime LocalMidnight(DateTime utc, TimeZoneInfo zone)
    {
        var midnight = TimeZoneInfo.ConvertTimeFromUtc(utc, zone).Date;
        // A zone whose clocks skip midnight (a DST switch at 00:00) has no such instant: the day starts an hour on.
        return zone.IsInvalidTime(midnight) ? TimeZoneInfo.ConvertTimeToUtc(midnight.AddHours(1), zone) : TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
    }
}
