using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.ServiceLevels;

/// <summary>
/// Targets settled today and where the open ones stand. A clock settles once: missed when it breaches, else met when
/// it stops (the reports count the same way); <see cref="Percent"/> is the share met in time (null before any settled).
/// </summary>
public sealed record ServiceLevelFigures(int Met, int Missed, int AtRisk, int Breached)
{
    public double? Percent => Met + Missed == 0 ? null : 100.0 * Met / (Met + Missed);
}

/// <summary>One queue's figures; interactions no queue has taken yet (still waiting for their first agent) stand apart.</summary>
public sealed record QueueServiceLevel(int? QueueId, string QueueName, ServiceLevelFigures Figures);

/// <summary>An account's service level since the start of its day (in its working hours' time zone, else UTC).</summary>
public sealed record ServiceLevelBoard(DateTime DayStartUtc, ServiceLevelFigures Account, IReadOnlyList<QueueServiceLevel> Queues);

/// <summary>The live board's service-level figures: one grouped query over the account's clocks.</summary>
public static class ServiceLevelToday
{
    public const string NoQueue = "Not taken by a queue yet";

    public static async Task<ServiceLevelBoard> ForAccountAsync(MailroomDb db, int accountId, DateTime nowUtc, CancellationToken ct)
    {
        var dayStart = await DayStartAsync(db, accountId, nowUtc, ct);
        var perQueue = await (from c in db.SlaClocks.AsNoTracking()
                              join i in db.Interactions on c.InteractionId equals i.Id
                              where i.AccountId == accountId && (c.StoppedAt == null || c.StoppedAt >= dayStart || c.BreachedAt >= dayStart)
                              group c by i.QueueId into g
                              select new
                              {
                                  QueueId = g.Key,
                                  Met = g.Count(c => c.StoppedAt != null && c.BreachedAt == null),
                                  Missed = g.Count(c => c.BreachedAt >= dayStart),
                                  AtRisk = g.Count(c => c.StoppedAt == null && c.BreachedAt == null && c.AtRiskReachedAt != null),
                                  Breached = g.Count(c => c.StoppedAt == null && c.BreachedAt != null),
                              }).ToListAsync(ct);
        var ids = perQueue.Where(q => q.QueueId != null).Select(q => q.QueueId!.Value).ToList();
        var names = await db.Queues.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, q => q.Name, ct);
        var queues = perQueue
            .Select(q => new QueueServiceLevel(q.QueueId, q.QueueId is int id ? names.GetValueOrDefault(id, "a removed queue") : NoQueue,
                new ServiceLevelFigures(q.Met, q.Missed, q.AtRisk, q.Breached)))
            .OrderBy(q => q.QueueId is not null).ThenBy(q => q.QueueName, StringComparer.CurrentCulture).ToList();
        var total = new ServiceLevelFigures(queues.Sum(q => q.Figures.Met), queues.Sum(q => q.Figures.Missed),
            queues.Sum(q => q.Figures.AtRisk), queues.Sum(q => q.Figures.Breached));
        return new ServiceLevelBoard(dayStart, total, queues);
    }

    private static async Task<DateTime> DayStartAsync(MailroomDb db, int accountId, DateTime nowUtc, CancellationToken ct)
    {
        if (await BusinessMorning.AccountHoursAsync(db, accountId, ct) is not { } hours)
        {
            return nowUtc.Date;
        }

        return BusinessMorning.LocalMidnight(nowUtc, TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone));
    }
}
