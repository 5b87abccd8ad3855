using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Retention;

/// <summary>Retention removed an account's interactions closed longer ago than its days.</summary>
public sealed record RetentionApplied(int AccountId, int Count, int Days, RetentionMode Mode);

/// <summary>
/// Applies every account's retention: at start and then every <see cref="Every"/>, closed interactions older than the
/// account's days are deleted or anonymised, in batches, each batch one audited unit of work. An account under legal
/// hold is passed over. It keeps no state of its own: a restart, or two nodes sweeping at once, change only when.
/// </summary>
public sealed class RetentionSweep(IServiceScopeFactory scopes, TimeProvider time, ILogger<RetentionSweep> logger)
    : TimerWorker(scopes, time, logger, "Retention", Every)
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    private const int Batch = 200;

    protected override async Task<int> PassAsync(IServiceProvider services, CancellationToken ct)
    {
        var swept = await SweepAsync(services, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
        foreach (var (accountId, count) in swept)
        {
            logger.LogInformation("Retention removed {Count} closed interactions of account {AccountId}", count, accountId);
        }

        return swept.Sum(s => s.Count);
    }

    /// <summary>One pass over every account; how many interactions it removed per account (only those with any).</summary>
    public static async Task<IReadOnlyList<(int AccountId, int Count)>> SweepAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        var db = services.GetRequiredService<MailroomDb>();
        var purge = services.GetRequiredService<InteractionPurge>();
        var accounts = await db.Accounts.AsNoTracking()
            .Where(a => a.Retention.Days != null && !a.Retention.LegalHold)
            .Select(a => new { a.Id, a.Key, Days = a.Retention.Days!.Value, a.Retention.Mode }).ToListAsync(ct);
        var swept = new List<(int, int)>();
        foreach (var account in accounts)
        {
            var closedBefore = now.AddDays(-account.Days);
            var total = 0;
            while (true)
            {
                var due = await db.Interactions
                    .Where(i => i.AccountId == account.Id && i.Status == InteractionStatus.Closed && i.ClosedAt < closedBefore)
                    .Where(i => account.Mode == RetentionMode.Delete || i.AnonymisedAt == null)
                    .OrderBy(i => i.Id).Select(i => i.Id).Take(Batch).ToListAsync(ct);
                if (due.Count == 0)
                {
                    break;
                }

                void Record()
                {
                    db.Append(new RetentionApplied(account.Id, due.Count, account.Days, account.Mode), now, account.Id);
                    db.Audit(null, account.Mode == RetentionMode.Delete ? "retention deleted" : "retention anonymised", $"account {account.Key}",
                        $"{due.Count} interaction{(due.Count == 1 ? "" : "s")} closed more than {account.Days} days ago", now);
                }

                if (account.Mode == RetentionMode.Delete)
                {
                    await purge.DeleteAsync(due, now, Record, ct);
                }
                else
                {
                    await purge.AnonymiseAsync(due, now, Record, ct);
                }

                total += due.Count;
            }

            if (total > 0)
            {
                swept.Add((account.Id, total));
            }
        }

        return swept;
    }
}
