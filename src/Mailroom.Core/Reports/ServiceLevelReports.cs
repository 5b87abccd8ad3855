using System.Globalization;
using System.Text;
using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Routing;
using Mailroom.Core.ServiceLevels;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Reports;

/// <summary>
/// One target over the period: the clocks that settled in it (met when stopped unbreached, missed when breached),
/// the share met in time, and the working time the met and late ones took (mean, 90th percentile).
/// </summary>
public sealed record TargetFigures(SlaKind Kind, string Label, int Met, int Missed, double? Percent, Duration WorkingTime);

/// <summary>Offers made in the period, how each ended, and how long an accepted one rang.</summary>
public sealed record OfferFigures(int Made, int Accepted, int Rejected, int TimedOut, int Withdrawn, Duration TimeToAccept);

/// <summary>One account: its targets, its offers, and the age of what is open in it now.</summary>
public sealed record ServiceLevelAccount(int AccountId, string AccountKey, IReadOnlyList<TargetFigures> Targets, OfferFigures Offers, Duration OpenNowAge);

/// <summary>One step of the trend: the share of targets met in time among those that settled in it.</summary>
public sealed record ServiceLevelPoint(DateTime Start, int Settled, double? Percent);

public sealed record ServiceLevelReport(DateTime From, DateTime To, IReadOnlyList<ServiceLevelAccount> Accounts, TrendStep TrendStep,
    IReadOnlyList<ServiceLevelPoint> Trend);

/// <summary>
/// Service level over a period, per account the caller sees: each clock counts once, in the step it settled (its
/// breach, else its stop), so a report of two halves adds up to the report of the whole.
/// </summary>
public sealed class ServiceLevelReports(MailroomDb db, TimeProvider time)
{
    public async Task<ServiceLevelReport> RunAsync(Actor actor, ReportRequest request, CancellationToken ct)
    {
        InteractionReports.ValidatePeriod(request);
        var accounts = await InteractionReports.AccountsAsync(db, actor, request, ct);
        var keys = await db.Accounts.Where(a => accounts.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Key, ct);
        var (start, end) = (request.From, request.To);
        var clocks = await (from c in db.SlaClocks.AsNoTracking()
                            join i in db.Interactions on c.InteractionId equals i.Id
                            where accounts.Contains(i.AccountId)
                                && ((c.BreachedAt >= start && c.BreachedAt < end) || (c.BreachedAt == null && c.StoppedAt >= start && c.StoppedAt < end))
                            select new Settled(i.AccountId, c.Kind, c.BreachedAt ?? c.StoppedAt!.Value, c.BreachedAt == null, c.StoppedAt == null ? null : c.Used))
            .ToListAsync(ct);
        var offers = await (from o in db.Offers.AsNoTracking()
                            join i in db.Interactions on o.InteractionId equals i.Id
                            where accounts.Contains(i.AccountId) && o.CreatedAt >= start && o.CreatedAt < end
                            select new { i.AccountId, o.InteractionId, o.UserId, o.State, o.CreatedAt })
            .ToListAsync(ct);
        var accepts = await AcceptedAtAsync(accounts, start, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var open = await db.Interactions.AsNoTracking().Where(i => accounts.Contains(i.AccountId) && i.Status == InteractionStatus.Open)
            .Select(i => new { i.AccountId, i.CreatedAt }).ToListAsync(ct);

        var perAccount = keys.OrderBy(k => k.Value, StringComparer.Ordinal).Select(k =>
        {
            var made = offers.Where(o => o.AccountId == k.Key).ToList();
            var rang = made.Where(o => o.State == OfferState.Accepted)
                .Select(o => accepts.TryGetValue((o.InteractionId, o.UserId), out var at) && at >= o.CreatedAt ? (at - o.CreatedAt).TotalMinutes : (double?)null)
                .OfType<double>();
            return new ServiceLevelAccount(k.Key, k.Value, Targets(clocks.Where(c => c.AccountId == k.Key).ToList()),
                new OfferFigures(made.Count, made.Count(o => o.State == OfferState.Accepted), made.Count(o => o.State == OfferState.Rejected),
                    made.Count(o => o.State == OfferState.Expired), made.Count(o => o.State == OfferState.Withdrawn), InteractionReports.Measure(rang)),
                InteractionReports.Measure(open.Where(i => i.AccountId == k.Key).Select(i => (now - i.CreatedAt).TotalMinutes)));
        }).ToList();
        var trend = ReportTrend.Steps(start, end).Select(s =>
        {
            var inStep = clocks.Where(c => c.At >= s.Start && c.At < s.End).ToList();
            return new ServiceLevelPoint(s.Start, inStep.Count, Percent(inStep.Count(c => c.InTime), inStep.Count));
        }).ToList();
        return new ServiceLevelReport(start, end, perAccount, ReportTrend.StepFor(start, end), trend);
    }

    /// <summary>One row per account, every figure a column, for a spreadsheet.</summary>
    public static string ToCsv(ServiceLevelReport report)
    {
        var kinds = Enum.GetValues<SlaKind>().Select(k => SyncClocks.Label(k).Replace(' ', '_')).ToList();
        var csv = new StringBuilder("account," + string.Join(',', kinds.Select(k => $"{k}_met,{k}_missed,{k}_percent,{k}_mean_min,{k}_p90_min"))
            + ",offers_made,offers_accepted,offers_rejected,offers_timed_out,offers_withdrawn,time_to_accept_mean_min,time_to_accept_p90_min,open_now_age_mean_min,open_now_age_p90_min\n");
        foreach (var a in report.Accounts)
        {
            var o = a.Offers;
            csv.Append(a.AccountKey);
            foreach (var t in a.Targets)
            {
                csv.Append(CultureInfo.InvariantCulture, $",{t.Met},{t.Missed},{Number(t.Percent)},{Number(t.WorkingTime.MeanMinutes)},{Number(t.WorkingTime.P90Minutes)}");
            }

            csv.AppendLine(CultureInfo.InvariantCulture, $",{o.Made},{o.Accepted},{o.Rejected},{o.TimedOut},{o.Withdrawn},{Number(o.TimeToAccept.MeanMinutes)},"
                + $"{Number(o.TimeToAccept.P90Minutes)},{Number(a.OpenNowAge.MeanMinutes)},{Number(a.OpenNowAge.P90Minutes)}");
        }

        return csv.ToString();
    }

    private static List<TargetFigures> Targets(List<Settled> clocks) =>
        Enum.GetValues<SlaKind>().Select(kind =>
        {
            var of = clocks.Where(c => c.Kind == kind).ToList();
            var met = of.Count(c => c.InTime);
            return new TargetFigures(kind, SyncClocks.Label(kind), met, of.Count - met, Percent(met, of.Count),
                InteractionReports.Measure(of.Where(c => c.Used != null).Select(c => c.Used!.Value.TotalMinutes)));
        }).ToList();

    private static double? Percent(int met, int settled) => settled == 0 ? null : Math.Round(100.0 * met / settled, 1);

    private static string Number(double? value) => value?.ToString("F1", CultureInfo.InvariantCulture) ?? "";

    // When each agent accepted each interaction: the assignment their accept recorded.
    private async Task<Dictionary<(long, int), DateTime>> AcceptedAtAsync(List<int> accounts, DateTime from, CancellationToken ct)
    {
        var assigned = await db.Events.AsNoTracking()
            .Where(e => e.Type == nameof(InteractionAssigned) && e.AccountId != null && accounts.Contains(e.AccountId.Value) && e.At >= from)
            .ToListAsync(ct);
        return assigned.Select(e => (Fact: EventLog.Read<InteractionAssigned>(e), e.At))
            .GroupBy(x => (x.Fact.InteractionId, x.Fact.UserId))
            .ToDictionary(g => g.Key, g => g.Min(x => x.At));
    }

    private sealed record Settled(int AccountId, SlaKind Kind, DateTime At, bool InTime, TimeSpan? Used);
}
