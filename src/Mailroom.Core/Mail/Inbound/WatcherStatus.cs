using System.Collections.Concurrent;

namespace Mailroom.Core.Mail.Inbound;

public enum WatcherState
{
    Stopped = 0,
    Connecting = 1,
    Connected = 2,
    Idle = 3,
    Reconnecting = 4,
    Error = 5,

    /// <summary>The provider refused the account's OAuth grant: an administrator must sign in again; retried meanwhile.</summary>
    SignInNeeded = 6,
}

/// <summary>What an account's mailbox watcher is doing, shown beside the account, and which node runs it.</summary>
public sealed record WatcherStatus(int AccountId, WatcherState State, string? LastError, DateTime? LastErrorAt, DateTime? LastMessageAt, DateTime Since, string? Node = null);

/// <summary>
/// The live state of this node's watchers, in memory: it describes this process's connections. Each lease pass
/// writes it to the lease rows, which is what the API and the checklist read (<c>Leases.WatcherStatuses</c>).
/// </summary>
public sealed class WatcherStatusRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<int, WatcherStatus> _statuses = new();

    public WatcherStatus Get(int accountId) =>
        _statuses.TryGetValue(accountId, out var status)
            ? status
            : new WatcherStatus(accountId, WatcherState.Stopped, null, null, null, time.GetUtcNow().UtcDateTime);

    public void Set(int accountId, WatcherState state) =>
        Update(accountId, s => s with { State = state });

    public void Failed(int accountId, WatcherState state, string error) =>
        Update(accountId, s => s with { State = state, LastError = error, LastErrorAt = time.GetUtcNow().UtcDateTime });

    public void MessageStored(int accountId) =>
        Update(accountId, s => s with { LastMessageAt = time.GetUtcNow().UtcDateTime }, keepSince: true);

    private void Update(int accountId, Func<WatcherStatus, WatcherStatus> change, bool keepSince = false)
    {
        var now = time.GetUtcNow().UtcDateTime;
        _statuses.AddOrUpdate(
            accountId,
            id => change(new WatcherStatus(id, WatcherState.Stopped, null, null, null, now)),
            (_, old) =>
            {
                var changed = change(old);
                return keepSince || changed.State == old.State ? changed with { Since = old.Since } : changed with { Since = now };
            });
    }
}
