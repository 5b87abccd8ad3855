using System.Globalization;
using System.Text;
using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Core.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Reports;

public sealed record ReportRequest(DateTime From, DateTime To, IReadOnlyList<int>? AccountIds = null);

/// <summary>Minutes: mean and 90th percentile; null when nothing was measured.</summary>
public sealed record Duration(double? MeanMinutes, double? P90Minutes);

public sealed record AccountFigures(int AccountId, string AccountKey, int Received, int Open, int Closed, int ClosedUnmanaged, int TransferredIn,
    int TransferredOut, Duration FirstResponse, Duration Handling);

public sealed record AgentFigures(int AgentId, string Name, int Interactions, int Closed, Duration FirstResponse, Duration Handling);

public sealed record CountBy(int? Id, string Name, int Count);

/// <summary>Dispositions and tags count the period's interactions; an interaction with two tags counts under both.</summary>
public sealed record ReportResult(DateTime From, DateTime To, IReadOnlyList<AccountFigures> Accounts, IReadOnlyList<AgentFigures> Agents,
    IReadOnlyList<CountBy> Dispositions, IReadOnlyList<CountBy> Tags, TrendStep TrendStep, IReadOnlyList<TrendPoint> Trend);

/// <summary>
/// Email reports per account: the interactions started in the period, each counted under the account
/// it belongs to when the report runs — a transfer moves it (the product's reporting note). Transfers in and out are
/// the transfers that happened in the period. Agent = the first agent who managed it.
/// </summary>
public sealed class InteractionReports(MailroomDb db)
{
    public async Task<ReportResult> RunAsync(Actor actor, ReportRequest request, CancellationToken ct)
    {
        ValidatePeriod(request);
        var accounts = await AccountsAsync(db, actor, request, ct);
        var keys = await db.Accounts.Where(a => accounts.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Key, ct);
        var (from, to) = (request.From, request.To);

        var cohort = await db.Interactions.AsNoTracking()
            .Where(i => accounts.Contains(i.AccountId) && i.CreatedAt >= from && i.CreatedAt < to)
            .Select(i => new Row(i.AccountId, i.Status, i.ClosedUnmanaged, i.FirstAgentId, i.DispositionId, i.CreatedAt, i.FirstResponseAt, i.ClosedAt))
            .ToListAsync(ct);
        var moves = (await db.Events.AsNoTracking()
                .Where(e => e.Type == nameof(InteractionTransferred) && e.AccountId != null && accounts.Contains(e.AccountId.Value) && e.At >= from && e.At < to)
                .ToListAsync(ct))
            .Select(e => (Account: e.AccountId!.Value, Move: EventLog.Read<InteractionTransferred>(e)))
            .ToList();
        var agentIds = cohort.Where(r => r.Agent != null).Select(r => r.Agent!.Value).Distinct().ToList();
        var names = await db.Users.Where(u => agentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        var perAccount = keys.OrderBy(k => k.Value, StringComparer.Ordinal).Select(k =>
        {
            var rows = cohort.Where(r => r.Account == k.Key).ToList();
            return new AccountFigures(k.Key, k.Value, rows.Count, rows.Count(r => r.Status == InteractionStatus.Open),
                rows.Count(r => r.Status == InteractionStatus.Closed && !r.Unmanaged), rows.Count(r => r.Status == InteractionStatus.Closed && r.Unmanaged),
                moves.Count(m => m.Account == k.Key && m.Move.ToAccountId == k.Key), moves.Count(m => m.Account == k.Key && m.Move.FromAccountId == k.Key),
                FirstResponse(rows), Handling(rows));
        }).ToList();
        var perAgent = cohort.Where(r => r.Agent != null).GroupBy(r => r.Agent!.Value).OrderBy(g => g.Key)
            .Select(g => new AgentFigures(g.Key, names.GetValueOrDefault(g.Key, $"#{g.Key}"), g.Count(), g.Count(r => r.Status == InteractionStatus.Closed),
                FirstResponse(g), Handling(g)))
            .ToList();
        var dispositionCounts = cohort.Where(r => r.Disposition != null).GroupBy(r => r.Disposition!.Value).ToDictionary(g => g.Key, g => g.Count());
        var dispositionNames = await db.Dispositions.AsNoTracking().Where(d => dispositionCounts.Keys.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var dispositions = Named(dispositionCounts, dispositionNames);
        var tagCounts = await db.InteractionTags.AsNoTracking()
            .Where(t => db.Interactions.Any(i => i.Id == t.InteractionId && accounts.Contains(i.AccountId) && i.CreatedAt >= from && i.CreatedAt < to))
            .GroupBy(t => t.TagId)
            .ToDictionaryAsync(g => g.Key, g => g.Count(), ct);
        var tagNames = await db.Tags.AsNoTracking().Where(t => tagCounts.Keys.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var tags = Named(tagCounts, tagNames);
        var trend = ReportTrend.Of(from, to, cohort.Select(r => (r.Created, r.FirstResponse, r.Closed)).ToList());
        return new ReportResult(from, to, perAccount, perAgent, dispositions, tags, ReportTrend.StepFor(from, to), trend);
    }

    internal static void ValidatePeriod(ReportRequest request)
    {
        var validator = new Validator();
        validator.When(request.To <= request.From, "to", "must be after from.");
        validator.When(request.To - request.From > TimeSpan.FromDays(3 * 366), "to", "a report covers at most three years.");
        validator.ThrowIfInvalid();
    }

    /// <summary>The accounts asked for that the caller sees; all they see when none are named.</summary>
    internal static async Task<List<int>> AccountsAsync(MailroomDb db, Actor actor, ReportRequest request, CancellationToken ct)
    {
        var visible = await db.VisibleAccountIds(actor).ToListAsync(ct);
        return request.AccountIds is { Count: > 0 } wanted ? visible.Intersect(wanted).ToList() : visible;
    }

    public static string ToCsv(ReportResult report)
    {
        var csv = new StringBuilder("account,received,open,closed,closed_unmanaged,transferred_in,transferred_out,first_response_mean_min,first_response_p90_min,handling_mean_min,handling_p90_min\n");
        foreach (var a in report.Accounts)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{a.AccountKey},{a.Received},{a.Open},{a.Closed},{a.ClosedUnmanaged},{a.TransferredIn},{a.TransferredOut},"
                + $"{Minutes(a.FirstResponse.MeanMinutes)},{Minutes(a.FirstResponse.P90Minutes)},{Minutes(a.Handling.MeanMinutes)},{Minutes(a.Handling.P90Minutes)}");
        }

        return csv.ToString();
    }

    private static List<CountBy> Named(Dictionary<int, int> counts, Dictionary<int, string> names) =>
        counts.OrderBy(c => c.Key).Select(c => new CountBy(c.Key, names.GetValueOrDefault(c.Key, $"#{c.Key}"), c.Value)).ToList();

    private static string Minutes(double? value) => value?.ToString("F1", CultureInfo.InvariantCulture) ?? "";

    private static Duration FirstResponse(IEnumerable<Row> rows) =>
        Measure(rows.Where(r => r.FirstResponse != null).Select(r => (r.FirstResponse!.Value - r.Created).TotalMinutes));

    private static Duration Handling(IEnumerable<Row> rows) =>
        Measure(rows.Where(r => r.Closed != null && r.Status == InteractionStatus.Closed).Select(r => (r.Closed!.Value - r.Created).TotalMinutes));

    /// <summary>Mean and nearest-rank 90th percentile.</summary>
    internal static Duration Measure(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0
            ? new Duration(null, null)
            : new Duration(Math.Round(sorted.Average(), 1), sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1]);
    }

    private sealed record Row(int Account, InteractionStatus Status, bool Unmanaged, int? Agent, int? Disposition, DateTime Created, DateTime? FirstResponse,
        DateTime? Closed);
}
