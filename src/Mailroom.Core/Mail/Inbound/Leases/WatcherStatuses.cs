using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Inbound.Leases;

/// <summary>
/// Watcher status as the lease rows tell it, the same on every node. A row whose holder stopped renewing it
/// (a node killed before it could say so) reads as Stopped until another node takes the lease.
/// </summary>
public sealed class WatcherStatuses(MailroomDb db, MailroomOptions options, TimeProvider time)
{
    public async Task<WatcherStatus> GetAsync(int accountId, CancellationToken ct) =>
        (await ListAsync([accountId], ct))[accountId];

    public async Task<IReadOnlyDictionary<int, WatcherStatus>> ListAsync(IReadOnlyCollection<int> accountIds, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var staleBefore = now - TimeSpan.FromSeconds(options.Inbound.LeaseStaleSeconds);
        var rows = await db.MailboxLeases.AsNoTracking().Where(l => accountIds.Contains(l.AccountId)).ToDictionaryAsync(l => l.AccountId, ct);
        return accountIds.Distinct().ToDictionary(id => id, id => rows.TryGetValue(id, out var l)
            ? l.Node is null || l.HeartbeatAt < staleBefore
                ? new WatcherStatus(id, WatcherState.Stopped, l.LastError, l.LastErrorAt, l.LastMessageAt, l.Node is null ? l.Since : l.HeartbeatAt)
                : new WatcherStatus(id, l.State, l.LastError, l.LastErrorAt, l.LastMessageAt, l.Since, l.Node)
            : new WatcherStatus(id, WatcherState.Stopped, null, null, null, now));
    }
}
