using MailKit;
using MailKit.Net.Imap;
using Mailroom.Core.Accounts;
using Mailroom.Core.Mail.Inbound.Leases;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Mail.Inbound;

/// <summary>
/// Keeps one account's mailbox ingested: fetch everything above the checkpoint, then IMAP IDLE until the
/// server announces new mail; on any error, reconnect with exponential backoff. Opens the mailbox read-only
/// and fetches with BODY.PEEK, so the customer's flags never change and \Seen is never the cursor. Every commit
/// is fenced by the lease it runs under: once another node took the account, the watcher ends.
/// </summary>
internal sealed class MailboxWatcher(
    EmailAccount account,
    LeaseToken lease,
    MailConnections connections,
    MessageIngestor ingestor,
    BlobStore blobs,
    IDbContextFactory<MailroomDb> dbs,
    WatcherStatusRegistry statuses,
    MailroomOptions options,
    TimeProvider time,
    ILogger logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    // Low on purpose: the watcher is live again at most 10 s after its server is back. Each try is one connect.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private const int FetchBatch = 100;

    // The first batches after start are small and grow to FetchBatch: a process that keeps crashing soon after
    // start (a bad deploy, a full disk) still moves the checkpoint forward a little each life.
    private const int FirstFetchBatch = 10;
    private const long FetchBatchBytes = 16 * 1024 * 1024;

    private volatile bool _changed;
    private volatile bool _uidValidityChanged;
    private CancellationTokenSource? _idleDone;
    private TimeSpan _backoff = FirstBackoff;
    private int _batchLimit = FirstFetchBatch;
    private OAuth.TokenRenewal? _tokenRenewal;

    private string Mailbox => string.IsNullOrWhiteSpace(account.Imap.Mailbox) ? "INBOX" : account.Imap.Mailbox;

    private MailboxPosition At(long uidValidity, long uid) => new(account.Id, Mailbox, uidValidity, uid, lease.Epoch);

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                statuses.Set(account.Id, WatcherState.Connecting);
                await RunSessionAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Nothing of the refused commit was kept; the node that holds the lease now fetches it again.
                logger.LogWarning("Mailbox watcher of account {AccountId}: lease epoch {Epoch} passed to another node; stopping", account.Id, lease.Epoch);
                break;
            }
            catch (Exception ex)
            {
                if (IsConnectionTrouble(ex))
                {
                    // Expected while a server is down or refuses us: one line per attempt, not a stack trace each time.
                    logger.LogWarning("Mailbox watcher of account {AccountId}: {Error}; reconnecting in {Backoff}", account.Id, ex.Message, _backoff);
                }
                else
                {
                    logger.LogWarning(ex, "Mailbox watcher of account {AccountId} failed; reconnecting in {Backoff}", account.Id, _backoff);
                }

                statuses.Failed(account.Id, ex is OAuth.OAuthException { SignInNeeded: true } ? WatcherState.SignInNeeded : WatcherState.Reconnecting, ex.Message);
                try
                {
                    // Spread over [half, whole]: after a server restart its accounts do not all come back at once.
                    await Task.Delay(_backoff * (0.5 + (Random.Shared.NextDouble() / 2)), time, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }

        statuses.Set(account.Id, WatcherState.Stopped);
    }

    private async Task RunSessionAsync(CancellationToken stopping)
    {
        using var silence = new SilenceWatchdog(time, TimeSpan.FromSeconds(options.Inbound.SilenceLimitSeconds), stopping);
        try
        {
            await WatchMailboxAsync(silence, silence.Token);
        }
        catch (OperationCanceledException) when (silence.Fired && !stopping.IsCancellationRequested)
        {
            throw new TimeoutException($"The IMAP server was silent for {silence.Limit.TotalSeconds:0} s; reconnecting");
        }
    }

    private async Task WatchMailboxAsync(SilenceWatchdog silence, CancellationToken ct)
    {
        using var client = await connections.OpenImapAsync(account, ct, silence);
        var folder = Mailbox.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(Mailbox, ct);
        folder.CountChanged += (_, _) =>
        {
            _changed = true;
            CancelIdle();
        };
        // The mailbox was recreated under us (a server restore, a rebuilt index): select it again and resync.
        folder.UidValidityChanged += (_, _) =>
        {
            _uidValidityChanged = true;
            _changed = true;
            CancelIdle();
        };
        await folder.OpenAsync(FolderAccess.ReadOnly, ct);
        statuses.Set(account.Id, WatcherState.Connected);

        var firstPass = true;
        var probed = time.GetUtcNow();
        while (true)
        {
            _changed = false;
            if (time.GetUtcNow() - probed >= TimeSpan.FromSeconds(options.Inbound.MailboxProbeSeconds))
            {
                await ProbeAsync(folder, ct);
                probed = time.GetUtcNow();
            }

            if (_uidValidityChanged)
            {
                _uidValidityChanged = false;
                await folder.OpenAsync(FolderAccess.ReadOnly, ct);
            }

            await SyncAsync(folder, silence, ct);
            if (firstPass)
            {
                // Connected and caught up: the next failure starts its backoff from the beginning again.
                _backoff = FirstBackoff;
                firstPass = false;
            }

            if (_changed)
            {
                continue;
            }

            if (client.Capabilities.HasFlag(ImapCapabilities.Idle))
            {
                var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
                done.CancelAfter(TimeSpan.FromSeconds(options.Inbound.IdleRenewalSeconds));
                _idleDone = done;
                try
                {
                    statuses.Set(account.Id, WatcherState.Idle);
                    if (!_changed)
                    {
                        await client.IdleAsync(done.Token, ct);
                    }
                }
                finally
                {
                    // Cleared before disposal: a late CountChanged (next session's SELECT) must not touch it.
                    _idleDone = null;
                    done.Dispose();
                }
            }
            else
            {
                statuses.Set(account.Id, WatcherState.Connected);
                await Task.Delay(PollInterval, time, ct);
                await client.NoOpAsync(ct);
            }

            statuses.Set(account.Id, WatcherState.Connected);
            await RenewTokenIfDueAsync(ct);
        }
    }

    // Between two IDLEs, so a grant revoked at the provider ends this session within one IDLE renewal.
    private Task RenewTokenIfDueAsync(CancellationToken ct)
    {
        if (account.AuthMethod != Accounts.MailAuthMethod.OAuth)
        {
            return Task.CompletedTask;
        }

        _tokenRenewal ??= new OAuth.TokenRenewal(connections.Tokens, account.Id, TimeSpan.FromSeconds(options.OAuth.RefreshLeadSeconds), time, logger);
        return _tokenRenewal.RenewIfDueAsync(ct);
    }

    /// <summary>Asks a fresh connection for the mailbox's UIDVALIDITY; another than the watching session's ends the session.</summary>
    private async Task ProbeAsync(IMailFolder watched, CancellationToken ct)
    {
        uint uidValidity;
        try
        {
            using var client = await connections.OpenImapAsync(account, ct);
            var folder = Mailbox.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(Mailbox, ct);
            await folder.StatusAsync(StatusItems.UidValidity, ct);
            await client.DisconnectAsync(quit: true, ct);
            uidValidity = folder.UidValidity;
        }
        catch (Exception ex) when (IsConnectionTrouble(ex) && !ct.IsCancellationRequested)
        {
            // A server that refuses a second connection (providers cap them) must not end a healthy session.
            logger.LogInformation("Account {AccountId}: the mailbox probe could not connect ({Error}); the session goes on", account.Id, ex.Message);
            return;
        }

        if (uidValidity != watched.UidValidity)
        {
            throw new StaleSessionException($"The mailbox {Mailbox} was recreated (UIDVALIDITY {watched.UidValidity} is now {uidValidity}) and the server did not tell the open session; reconnecting");
        }
    }

    private static bool IsConnectionTrouble(Exception ex) =>
        ex is System.Net.Sockets.SocketException or IOException or TimeoutException or ServiceNotConnectedException
            or ProtocolException or StaleSessionException or MailKit.Security.AuthenticationException or CommandException
            or System.Security.Authentication.AuthenticationException or OAuth.OAuthException;

    private void CancelIdle()
    {
        try
        {
            _idleDone?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // IDLE already ended; the flag set before makes the loop sync anyway.
        }
    }

    /// <summary>Ingests every UID above the checkpoint; a new UIDVALIDITY starts again from the first UID.</summary>
    private async Task SyncAsync(IMailFolder folder, SilenceWatchdog silence, CancellationToken ct)
    {
        var uidValidity = (long)folder.UidValidity;
        MailboxCheckpoint? checkpoint;
        using (silence.WhileWorkingLocally())
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            checkpoint = await db.Checkpoints.AsNoTracking().FirstOrDefaultAsync(c => c.AccountId == account.Id && c.Mailbox == Mailbox, ct);
        }

        var resync = checkpoint is not null && checkpoint.UidValidity != uidValidity;
        if (resync)
        {
            logger.LogWarning("Account {AccountId}: UIDVALIDITY of {Mailbox} changed from {Old} to {New}; resyncing",
                account.Id, Mailbox, checkpoint!.UidValidity, uidValidity);
        }

        var lastUid = checkpoint is null || resync ? 0 : checkpoint.LastUid;
        // One round trip lists the new UIDs with their sizes ("n:*" always includes the highest UID even when it
        // is below n, so filter again).
        var summaries = (await folder.FetchAsync(new UniqueIdRange(new UniqueId((uint)lastUid + 1), UniqueId.MaxValue),
                MessageSummaryItems.UniqueId | MessageSummaryItems.Size, ct))
            .Where(s => s.UniqueId.Id > lastUid).OrderBy(s => s.UniqueId.Id).ToList();
        if (summaries.Count == 0 && (checkpoint is null || resync))
        {
            using var working = silence.WhileWorkingLocally();
            await using var db = await dbs.CreateDbContextAsync(ct);
            await db.AdvanceCheckpointAsync(At(uidValidity, 0), time.GetUtcNow().UtcDateTime, ct);
            await db.SaveChangesAsync(ct);
        }

        // A two-stage pipeline: while batch k commits, batch k+1 is fetched, parsed and written to the blob store.
        // Commits stay in UID order, each waits for the one before, so the checkpoint never passes a gap.
        Task commit = Task.CompletedTask;
        var batch = new List<UniqueId>();
        long batchBytes = 0;
        foreach (var summary in summaries)
        {
            if (summary.Size > options.MaxInboundMessageBytes)
            {
                commit = await FetchAndQueueAsync(folder, uidValidity, batch, commit, silence, ct);
                (batch, batchBytes) = ([], 0);
                // The partial fetches use the connection alone, after everything before this UID committed.
                using (silence.WhileWorkingLocally())
                {
                    await commit;
                }

                await IngestOversizedAsync(folder, At(uidValidity, summary.UniqueId.Id), summary.UniqueId, silence, ct);
                continue;
            }

            batch.Add(summary.UniqueId);
            batchBytes += summary.Size ?? 0;
            if (batch.Count >= _batchLimit || batchBytes >= FetchBatchBytes)
            {
                commit = await FetchAndQueueAsync(folder, uidValidity, batch, commit, silence, ct);
                (batch, batchBytes) = ([], 0);
                _batchLimit = Math.Min(_batchLimit * 2, FetchBatch);
            }
        }

        commit = await FetchAndQueueAsync(folder, uidValidity, batch, commit, silence, ct);
        using (silence.WhileWorkingLocally())
        {
            await commit;
        }
    }

    /// <summary>
    /// One UID FETCH BODY.PEEK[] for the whole batch (no round trip per message), the blob writes and the
    /// parse; then its commit is started once <paramref name="previous"/> committed. Returns that commit.
    /// A UID the server no longer has (expunged since it was listed, or during the fetch) is skipped.
    /// The connection is unused from the end of the fetch on, so that time is not the server's silence.
    /// </summary>
    private async Task<Task> FetchAndQueueAsync(IMailFolder folder, long uidValidity, List<UniqueId> uids, Task previous, SilenceWatchdog silence, CancellationToken ct)
    {
        if (uids.Count == 0)
        {
            return previous;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var raws = new Dictionary<uint, ReadOnlyMemory<byte>>(uids.Count);
        await ((IImapFolder)folder).GetStreamsAsync(uids, async (_, _, uid, stream, t) =>
        {
            // The buffer itself, not a copy of it: a big message is not allocated twice on the large-object heap.
            var copy = new MemoryStream(stream.CanSeek ? (int)stream.Length : 0);
            await stream.CopyToAsync(copy, t);
            raws[uid.Id] = copy.GetBuffer().AsMemory(0, (int)copy.Length);
        }, ct);

        var fetched = new List<FetchedMail>(uids.Count);
        var limit = options.MaxInboundMessageBytes;
        foreach (var uid in uids)
        {
            // No body (BODY[] NIL, or an empty literal) is what a server sends for a message expunged while the
            // FETCH ran (Dovecot adds [EXPUNGEISSUED]): there is nothing to keep, and storing zero bytes would list
            // a problem that can never be re-processed. A real message always has at least a header.
            if (raws.TryGetValue(uid.Id, out var raw) && raw.Length > 0)
            {
                // A server that reported no size (or a wrong one) still cannot push an oversized message through.
                fetched.Add(new FetchedMail(At(uidValidity, uid.Id), raw,
                    raw.Length > limit ? MessageIngestor.OversizedReason(raw.Length, limit) : null));
            }
        }

        var fetchedIn = watch.Elapsed;
        using var working = silence.WhileWorkingLocally();
        var prepared = await ingestor.PrepareBatchAsync(fetched, ct);
        var preparedIn = watch.Elapsed;
        await previous;
        return CommitAsync(prepared, fetchedIn, preparedIn, ct);
    }

    private async Task CommitAsync(PreparedMail[] prepared, TimeSpan fetchedIn, TimeSpan preparedIn, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = await ingestor.StorePreparedAsync(account, prepared, ct);
        logger.LogDebug("Account {AccountId}: {Count} messages fetched in {FetchMs:F0} ms, written to blobs and parsed in {PrepareMs:F0} ms, committed in {CommitMs:F0} ms",
            account.Id, prepared.Length, fetchedIn.TotalMilliseconds, (preparedIn - fetchedIn).TotalMilliseconds, watch.Elapsed.TotalMilliseconds);
        if (outcomes.Contains(IngestOutcome.Stored))
        {
            statuses.MessageStored(account.Id);
        }
    }

    private async Task IngestOversizedAsync(IMailFolder folder, MailboxPosition at, UniqueId uid, SilenceWatchdog silence, CancellationToken ct)
    {
        // Never held in memory: streamed in partial fetches straight to the blob store.
        await using var chunks = new ImapChunkStream(folder, uid);
        var (sha, actual) = await blobs.PutStreamAsync(chunks, ct);
        if (actual == 0)
        {
            // Expunged between the size listing and the first partial fetch, like an empty body in a batch.
            return;
        }

        using var working = silence.WhileWorkingLocally();
        await ingestor.IngestOversizedAsync(account, at, sha, actual, options.MaxInboundMessageBytes, ct);
    }

}
