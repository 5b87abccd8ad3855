using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Mail.Held;

/// <summary>Held mail nobody released, deleted after its account's expiry; recorded in the event log as who did what.</summary>
public sealed record HeldMailExpired(int AccountId, int Count, int ExpiryDays);

/// <summary>
/// Deletes held mail older than its account's <see cref="HoldSettings.ExpiryDays"/>: at start and then every
/// <see cref="Every"/>. It keeps no state of its own, so a restart, or several nodes doing it at once, changes
/// nothing but when; the raw copies stay in the blob store like every message received.
/// </summary>
public sealed class HeldExpiry(IServiceScopeFactory scopes, TimeProvider time, ILogger<HeldExpiry> logger)
    : TimerWorker(scopes, time, logger, "Held mail expiry", Every)
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task<int> PassAsync(IServiceProvider services, CancellationToken ct)
    {
        var swept = await SweepAsync(services.GetRequiredService<MailroomDb>(), services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
        foreach (var (accountId, count) in swept)
        {
            logger.LogInformation("Deleted {Count} expired held messages of account {AccountId}", count, accountId);
        }

        return swept.Sum(s => s.Count);
    }

    /// <summary>One pass over every account; returns how many it deleted per account (only those with any).</summary>
    public static async Task<IReadOnlyList<(int AccountId, int Count)>> SweepAsync(MailroomDb db, DateTime now, CancellationToken ct)
    {
        var accounts = await db.Accounts.AsNoTracking().Select(a => new { a.Id, a.Hold.ExpiryDays }).ToListAsync(ct);
        var swept = new List<(int, int)>();
        foreach (var account in accounts)
        {
            var before = now.AddDays(-account.ExpiryDays);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var count = await db.HeldMails.Where(h => h.AccountId == account.Id && h.HeldAt < before).ExecuteDeleteAsync(ct);
            if (count > 0)
            {
                db.Append(new HeldMailExpired(account.Id, count, account.ExpiryDays), now, account.Id);
                await db.SaveChangesAsync(ct);
                swept.Add((account.Id, count));
            }

            await transaction.CommitAsync(ct);
        }

        return swept;
    }
}
