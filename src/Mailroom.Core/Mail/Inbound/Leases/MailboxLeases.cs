using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Inbound.Leases;

/// <summary>
/// Takes, renews and gives back the lease rows of the accounts this node watches. A lease is taken only under
/// the account's lock, and taking it raises the epoch, so the commits of the node that held it before are refused.
/// </summary>
public sealed class MailboxLeases(IMailboxLock locks, IDbContextFactory<MailroomDb> dbs, MailroomOptions options, TimeProvider time)
{
    public string Node { get; } = options.ResolveNodeName();

    public IMailboxLock Locks => locks;

    /// <summary>The account's lease with a new epoch, or null when another node holds its lock.</summary>
    public async Task<LeaseToken?> TryAcquireAsync(int accountId, CancellationToken ct)
    {
        if (!await locks.TryLockAsync(accountId, ct))
        {
            return null;
        }

        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await dbs.CreateDbContextAsync(ct);
            // Waits for a commit the previous holder has in flight (it holds the row): that one lands first,
            // everything it starts after this is refused.
            var taken = await db.MailboxLeases.Where(l => l.AccountId == accountId).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Epoch, l => l.Epoch + 1)
                .SetProperty(l => l.Node, Node)
                .SetProperty(l => l.State, WatcherState.Connecting)
                .SetProperty(l => l.Since, now)
                .SetProperty(l => l.HeartbeatAt, now), ct);
            if (taken == 0)
            {
                db.MailboxLeases.Add(new MailboxLease { AccountId = accountId, Epoch = 1, Node = Node, State = WatcherState.Connecting, Since = now, HeartbeatAt = now });
                await db.SaveChangesAsync(ct);
            }

            var epoch = await db.MailboxLeases.Where(l => l.AccountId == accountId).Select(l => l.Epoch).SingleAsync(ct);
            return new LeaseToken(accountId, epoch);
        }
        catch
        {
            await locks.UnlockAsync(accountId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Marks the lease free (only if still ours) and drops the lock, so another node takes it at once.</summary>
    public async Task ReleaseAsync(LeaseToken lease, CancellationToken ct)
    {
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await dbs.CreateDbContextAsync(ct);
            await db.MailboxLeases.Where(l => l.AccountId == lease.AccountId && l.Epoch == lease.Epoch)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Node, (string?)null).SetProperty(l => l.State, WatcherState.Stopped)
                    .SetProperty(l => l.Since, now).SetProperty(l => l.HeartbeatAt, now), ct);
        }
        finally
        {
            await locks.UnlockAsync(lease.AccountId, ct);
        }
    }

    /// <summary>Writes a watcher's state to its lease row, if the lease is still the one it runs under.</summary>
    public async Task PublishAsync(LeaseToken lease, WatcherStatus status, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.MailboxLeases.Where(l => l.AccountId == lease.AccountId && l.Epoch == lease.Epoch).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.State, status.State)
            .SetProperty(l => l.LastError, status.LastError)
            .SetProperty(l => l.LastErrorAt, status.LastErrorAt)
            .SetProperty(l => l.LastMessageAt, status.LastMessageAt)
            .SetProperty(l => l.Since, status.Since)
            .SetProperty(l => l.HeartbeatAt, now), ct);
    }

    /// <summary>One statement renews every lease this node holds: what tells the other nodes it is still here.</summary>
    public async Task HeartbeatAsync(IReadOnlyCollection<int> accountIds, CancellationToken ct)
    {
        if (accountIds.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.MailboxLeases.Where(l => l.Node == Node && accountIds.Contains(l.AccountId))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HeartbeatAt, now), ct);
    }
}

public static class LeaseFence
{
    /// <summary>
    /// Adds the fence to the caller's unit of work: its commit updates the lease row only where the epoch is
    /// still <paramref name="epoch"/>, and fails with <see cref="DbUpdateConcurrencyException"/> otherwise.
    /// </summary>
    public static void Fence(this MailroomDb db, int accountId, long epoch, DateTime now)
    {
        var lease = db.MailboxLeases.Local.FirstOrDefault(l => l.AccountId == accountId);
        if (lease is null)
        {
            lease = new MailboxLease { AccountId = accountId, Epoch = epoch };
            db.MailboxLeases.Attach(lease);
        }

        lease.HeartbeatAt = now;
    }
}
