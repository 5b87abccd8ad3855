namespace Mailroom.Core.Mail.Inbound.Leases;

/// <summary>
/// Who is alive and may watch which account: the liveness half of a lease (the epoch in
/// <see cref="MailboxLease"/> is the safety half). PostgreSQL holds advisory locks on one session per node, which
/// the server drops the moment that node's process or link dies; one node on SQLite holds every lock.
/// </summary>
public interface IMailboxLock
{
    /// <summary>
    /// Makes sure this node has a live lock session. False when the session was lost since the last call (and a
    /// new one opened): every lock it held is gone, so every watcher must stop.
    /// </summary>
    Task<bool> EnsureSessionAsync(CancellationToken ct);

    Task<bool> TryLockAsync(int accountId, CancellationToken ct);

    Task UnlockAsync(int accountId, CancellationToken ct);

    /// <summary>How many nodes hold a lock session now, this one included: each takes its share of the accounts.</summary>
    Task<int> LiveNodesAsync(CancellationToken ct);
}

/// <summary>One process on its own database (SQLite): it is the only node and holds every account.</summary>
public sealed class SingleNodeLock : IMailboxLock
{
    public Task<bool> EnsureSessionAsync(CancellationToken ct) => Task.FromResult(true);

    public Task<bool> TryLockAsync(int accountId, CancellationToken ct) => Task.FromResult(true);

    public Task UnlockAsync(int accountId, CancellationToken ct) => Task.CompletedTask;

    public Task<int> LiveNodesAsync(CancellationToken ct) => Task.FromResult(1);
}
