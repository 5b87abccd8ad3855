using System.Globalization;
using System.Text;
using Mailroom.Core.Common;
using Mailroom.Core.Exports;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Audit;

/// <summary>What to look for: words in the action, target or details, a period, one person.</summary>
public sealed record AuditQuery(string? Q = null, DateTime? From = null, DateTime? To = null, int? ActorUserId = null, int Limit = AuditLog.DefaultLimit);

public sealed record AuditView(long Id, DateTime At, int? ActorUserId, string? ActorName, string Action, string Target, string? Details, string? ClientIp);

/// <summary>Administrators read and export the audit log; nobody changes it.</summary>
public sealed class AuditLog(MailroomDb db)
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    public async Task<IReadOnlyList<AuditView>> SearchAsync(Actor actor, AuditQuery query, CancellationToken ct)
    {
        actor.RequireAdmin();
        new Validator().Range("limit", query.Limit, 1, MaxLimit).Length("q", query.Q, 0, 200)
            .When(query.From > query.To, "from", "must not be after to.")
            .ThrowIfInvalid();
        return await Filtered(query).Take(query.Limit).ToListAsync(ct);
    }

    /// <summary>The matching entries as CSV, newest first, all of them (streamed).</summary>
    public async Task WriteCsvAsync(Actor actor, AuditQuery query, Stream output, CancellationToken ct)
    {
        actor.RequireAdmin();
        new Validator().Length("q", query.Q, 0, 200).When(query.From > query.To, "from", "must not be after to.").ThrowIfInvalid();
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync("Time (UTC),Who,Action,Target,Details,Client IP");
        await foreach (var e in Filtered(query).AsAsyncEnumerable().WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Join(',', e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), InteractionCsv.Cell(e.ActorName),
                InteractionCsv.Cell(e.Action), InteractionCsv.Cell(e.Target), InteractionCsv.Cell(e.Details), InteractionCsv.Cell(e.ClientIp)));
        }
    }

    private IQueryable<AuditView> Filtered(AuditQuery query)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At <= to);
        }

        if (query.ActorUserId is { } who)
        {
            entries = entries.Where(e => e.ActorUserId == who);
        }

        if (query.Q?.Trim().ToLowerInvariant() is { Length: > 0 } words)
        {
#pragma warning disable CA1304, CA1311, CA1862 // EF Core turns ToLower() into SQL's lower(): no .NET culture is involved
            entries = entries.Where(e => e.Action.ToLower().Contains(words) || e.Target.ToLower().Contains(words) || (e.Details != null && e.Details.ToLower().Contains(words)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return from e in entries
               join u in db.Users on e.ActorUserId equals u.Id into actors
               from u in actors.DefaultIfEmpty()
               orderby e.At descending, e.Id descending
               select new AuditView(e.Id, e.At, e.ActorUserId, u == null ? null : u.DisplayName, e.Action, e.Target, e.Details, e.ClientIp);
    }
}
