using System.Threading.Channels;
using Mailroom.Core.Accounts;
using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Mail.Inbound;

/// <summary>
/// Runs one <see cref="MailboxWatcher"/> per active account and restarts, starts or stops it whenever the
/// account changes (an <see cref="AccountChanged"/> event), so editing an account never needs a restart.
/// </summary>
public sealed class InboundMail(IServiceProvider services, EventStream events, IDbContextFactory<MailroomDb> dbs,
    WatcherStatusRegistry statuses, ILogger<InboundMail> logger) : BackgroundService
{
    private readonly Channel<int> _changed = Channel.CreateUnbounded<int>();
    private readonly Dictionary<int, (CancellationTokenSource Stop, Task Run)> _watchers = [];

    // What the log last said each account's watcher reads: an edit that keeps the mailbox (members, templates)
    // restarts the watcher quietly instead of announcing the same mailbox again.
    private readonly Dictionary<int, string> _announced = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = events.Subscribe(OnEventAsync);
        try
        {
            List<int> active;
            await using (var db = await dbs.CreateDbContextAsync(stoppingToken))
            {
                active = await db.Accounts.Where(a => a.Active).Select(a => a.Id).ToListAsync(stoppingToken);
            }

            foreach (var id in active)
            {
                await RestartAsync(id, stoppingToken);
            }

            await foreach (var id in _changed.Reader.ReadAllAsync(stoppingToken))
            {
                await RestartAsync(id, stoppingToken);
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
                await StopAsync(id);
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

    /// <summary>Stops the account's watcher and starts a fresh one with the current settings if it is active.</summary>
    private async Task RestartAsync(int accountId, CancellationToken ct)
    {
        try
        {
            await StopAsync(accountId);
            EmailAccount? account;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
            }

            if (account is not { Active: true })
            {
                return;
            }

            var watcher = ActivatorUtilities.CreateInstance<MailboxWatcher>(services, account, logger);
            var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _watchers[accountId] = (stop, Task.Run(() => watcher.RunAsync(stop.Token), CancellationToken.None));
            var mailbox = $"{account.Address} of account {account.Name} (IMAP {account.Imap.Host}:{account.Imap.Port})";
            if (!_announced.TryGetValue(accountId, out var said) || said != mailbox)
            {
                _announced[accountId] = mailbox;
                logger.LogInformation("Watching the mailbox {Mailbox}", mailbox);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            statuses.Failed(accountId, WatcherState.Error, ex.Message);
            logger.LogError(ex, "Could not start the mailbox watcher of account {AccountId}", accountId);
        }
    }

    private async Task StopAsync(int accountId)
    {
        if (!_watchers.Remove(accountId, out var watcher))
        {
            return;
        }

        await watcher.Stop.CancelAsync();
        try
        {
            await watcher.Run;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Mailbox watcher of account {AccountId} ended with an error", accountId);
        }

        watcher.Stop.Dispose();
        statuses.Set(accountId, WatcherState.Stopped);
    }
}
