using System.Threading.Channels;
using Mailroom.Core.Accounts;
using Mailroom.Core.Events;
using Mailroom.Core.Mail.Inbound.Leases;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Mail.Inbound;

/// <summary>
/// Runs one <see cref="MailboxWatcher"/> per active account this node holds the lease of, and restarts, starts or
/// stops it whenever the account changes (an <see cref="AccountChanged"/> event), so editing an account never
/// needs a restart. Every <see cref="InboundOptions.LeaseCheckSeconds"/> a lease pass takes free accounts up to
/// this node's share (active accounts / live nodes), gives back what is over it (a node joined), and writes the
/// watchers' states to the lease rows; a lost lock session stops every watcher at once.
/// </summary>
public sealed class InboundMail(IServiceProvider services, EventStream events, IDbContextFactory<MailroomDb> dbs,
    WatcherStatusRegistry statuses, MailboxLeases leases, MailroomOptions options, ILogger<InboundMail> logger) : BackgroundService
{
    private readonly Channel<int> _changed = Channel.CreateUnbounded<int>();
    private readonly Dictionary<int, Watch> _watchers = [];

    // What the log last said each account's watcher reads: an edit that keeps the mailbox (members, templates)
    // restarts the watcher quietly instead of announcing the same mailbox again.
    private readonly Dictionary<int, string> _announced = [];

    private sealed record Watch(LeaseToken Lease, CancellationTokenSource Stop, Task Run)
    {
        public WatcherStatus? Published { get; set; }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = events.Subscribe(OnEventAsync);
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Inbound.LeaseCheckSeconds));
        try
        {
            var changed = new HashSet<int>();
            while (!stoppingToken.IsCancellationRequested)
            {
                await PassAsync(changed, stoppingToken);
                changed.Clear();
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                tick.CancelAfter(interval);
                try
                {
                    await _changed.Reader.WaitToReadAsync(tick.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The next lease pass is due.
                }

                while (_changed.Reader.TryRead(out var id))
                {
                    changed.Add(id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the watchers are stopped below.
        }
        finally
        {
            foreach (var id in _watchers.Keys.ToList())
            {
                await StopAsync(id, release: true);
            }
        }
    }

    private Task OnEventAsync(StoredEvent stored, CancellationToken ct)
    {
        if (stored.Type == nameof(AccountChanged))
        {
            var change = EventLog.Read<AccountChanged>(stored);
            if (change is not null)
            {
                _changed.Writer.TryWrite(change.AccountId);
            }
        }

        return Task.CompletedTask;
    }

    private async Task PassAsync(HashSet<int> changed, CancellationToken ct)
    {
        try
        {
            if (!await leases.Locks.EnsureSessionAsync(ct))
            {
                logger.LogWarning("The lock session was lost: stopping {Count} mailbox watchers until their leases are taken again", _watchers.Count);
                foreach (var id in _watchers.Keys.ToList())
                {
                    await StopAsync(id, release: false);
                }
            }

            foreach (var (id, watch) in _watchers.Where(w => w.Value.Run.IsCompleted).ToList())
            {
                // Ended by itself: its fence refused a commit, the lease is another node's now.
                await StopAsync(id, release: true);
            }

            List<int> active;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                active = await db.Accounts.Where(a => a.Active).Select(a => a.Id).ToListAsync(ct);
            }

            foreach (var (id, watch) in _watchers.Where(w => !active.Contains(w.Key) || changed.Contains(w.Key)).ToList())
            {
                // An edited account restarts under the lease it holds; a deactivated one gives it back.
                var keep = active.Contains(id);
                await StopAsync(id, release: !keep);
                if (keep)
                {
                    await StartAsync(id, watch.Lease, ct);
                }
            }

            var nodes = Math.Max(1, await leases.Locks.LiveNodesAsync(ct));
            var share = (active.Count + nodes - 1) / nodes;
            foreach (var id in _watchers.Keys.OrderByDescending(id => id).Take(Math.Max(0, _watchers.Count - share)).ToList())
            {
                logger.LogInformation("Giving account {AccountId} to another node: {Nodes} nodes share {Active} accounts", id, nodes, active.Count);
                await StopAsync(id, release: true);
            }

            foreach (var id in active.Where(id => !_watchers.ContainsKey(id)).OrderBy(_ => Random.Shared.Next()).ToList())
            {
                if (_watchers.Count >= share)
                {
                    break;
                }

                await StartAsync(id, await leases.TryAcquireAsync(id, ct), ct);
            }

            await PublishAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Lease pass failed; trying again in {Seconds} s", options.Inbound.LeaseCheckSeconds);
        }
    }

    /// <summary>Starts the account's watcher under <paramref name="lease"/>; null (the lock was not granted) starts nothing.</summary>
    private async Task StartAsync(int accountId, LeaseToken? lease, CancellationToken ct)
    {
        if (lease is null)
        {
            return;
        }

        try
        {
            EmailAccount? account;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
            }

            if (account is not { Active: true })
            {
                await leases.ReleaseAsync(lease, ct);
                return;
            }

            var watcher = ActivatorUtilities.CreateInstance<MailboxWatcher>(services, account, lease, logger);
            var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _watchers[accountId] = new Watch(lease, stop, Task.Run(() => watcher.RunAsync(stop.Token), CancellationToken.None));
            var mailbox = $"{account.Address} of account {account.Name} (IMAP {account.Imap.Host}:{account.Imap.Port})";
            if (!_announced.TryGetValue(accountId, out var said) || said != mailbox)
            {
                _announced[accountId] = mailbox;
                logger.LogInformation("Watching the mailbox {Mailbox} (lease epoch {Epoch} on {Node})", mailbox, lease.Epoch, leases.Node);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            statuses.Failed(accountId, WatcherState.Error, ex.Message);
            logger.LogError(ex, "Could not start the mailbox watcher of account {AccountId}", accountId);
            await leases.ReleaseAsync(lease, CancellationToken.None);
        }
    }

    /// <summary>Stops the watcher; <paramref name="release"/> also gives the lease back (not when it is lost anyway).</summary>
    private async Task StopAsync(int accountId, bool release)
    {
        if (!_watchers.Remove(accountId, out var watch))
        {
            return;
        }

        await watch.Stop.CancelAsync();
        try
        {
            await watch.Run;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Mailbox watcher of account {AccountId} ended with an error", accountId);
        }

        watch.Stop.Dispose();
        statuses.Set(accountId, WatcherState.Stopped);
        if (release)
        {
            // Given back: should this node watch it again later, the log says so again. A restart keeps the lease
            // and stays quiet unless the mailbox itself changed.
            _announced.Remove(accountId);
            try
            {
                await leases.ReleaseAsync(watch.Lease, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // The lock goes with the session, and a lease row nobody renews reads as stopped.
                logger.LogWarning(ex, "Could not give back the lease of account {AccountId}", accountId);
            }
        }
    }

    /// <summary>Changed states go to their lease rows; then one statement renews every lease this node holds.</summary>
    private async Task PublishAsync(CancellationToken ct)
    {
        foreach (var watch in _watchers.Values)
        {
            var status = statuses.Get(watch.Lease.AccountId);
            if (status != watch.Published)
            {
                await leases.PublishAsync(watch.Lease, status, ct);
                watch.Published = status;
            }
        }

        await leases.HeartbeatAsync(_watchers.Keys, ct);
    }
}
