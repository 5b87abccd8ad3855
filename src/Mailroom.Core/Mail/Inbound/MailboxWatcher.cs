using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Mailroom.Core.Accounts;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Mail.Inbound;

/// <summary>
/// Keeps one account's mailbox ingested: fetch everything above the checkpoint, then IMAP IDLE until the
/// server announces new mail; on any error, reconnect with exponential backoff. Opens the mailbox read-only
/// and fetches with BODY.PEEK, so the customer's flags never change and \Seen is never the cursor.
/// </summary>
internal sealed class MailboxWatcher(
    EmailAccount account,
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
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private const int FetchBatch = 200;

    private volatile bool _changed;
    private volatile bool _uidValidityChanged;
    private CancellationTokenSource? _idleDone;
    private TimeSpan _backoff = FirstBackoff;

    private string Mailbox => string.IsNullOrWhiteSpace(account.Imap.Mailbox) ? "INBOX" : account.Imap.Mailbox;

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
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Mailbox watcher of account {AccountId} failed; reconnecting in {Backoff}", account.Id, _backoff);
                statuses.Failed(account.Id, WatcherState.Reconnecting, ex.Message);
                try
                {
                    await Task.Delay(_backoff, time, ct);
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

    private async Task RunSessionAsync(CancellationToken ct)
    {
        using var client = await connections.OpenImapAsync(account, ct);
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
        while (true)
        {
            _changed = false;
            if (_uidValidityChanged)
            {
                _uidValidityChanged = false;
                await folder.OpenAsync(FolderAccess.ReadOnly, ct);
            }

            await SyncAsync(folder, ct);
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
        }
    }

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
    private async Task SyncAsync(IMailFolder folder, CancellationToken ct)
    {
        var uidValidity = (long)folder.UidValidity;
        MailboxCheckpoint? checkpoint;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            checkpoint = await db.Checkpoints.AsNoTracking().FirstOrDefaultAsync(c => c.AccountId == account.Id && c.Mailbox == Mailbox, ct);
        }

        var resync = checkpoint is not null && checkpoint.UidValidity != uidValidity;
        if (resync)
        {
            logger.LogWarning("Account {AccountId}: UIDVALIDITY of {Mailbox} changed from {Old} to {New}; resyncing",
                account.Id, Mailbox, checkpoint!.UidValidity, uidValidity);
        }

        var lastUid = checkpoint is null || resync ? 0 : checkpoint.LastUid;
        // "n:*" always includes the highest UID even when it is below n, so filter again.
        var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId((uint)lastUid + 1), UniqueId.MaxValue)), ct))
            .Where(u => u.Id > lastUid).OrderBy(u => u.Id).ToList();
        if (uids.Count == 0 && (checkpoint is null || resync))
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            await db.AdvanceAsync(new MailboxPosition(account.Id, Mailbox, uidValidity, 0), time.GetUtcNow().UtcDateTime, ct);
            await db.SaveChangesAsync(ct);
        }

        foreach (var batch in uids.Chunk(FetchBatch))
        {
            var sizes = (await folder.FetchAsync(batch, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, ct))
                .ToDictionary(s => s.UniqueId.Id, s => (long?)s.Size);
            foreach (var uid in batch)
            {
                // A UID the server no longer has (expunged since the search) has nothing to ingest; skip it.
                if (!sizes.TryGetValue(uid.Id, out var size))
                {
                    continue;
                }

                await IngestOneAsync(folder, new MailboxPosition(account.Id, Mailbox, uidValidity, uid.Id), uid, size, ct);
            }
        }
    }

    private async Task IngestOneAsync(IMailFolder folder, MailboxPosition at, UniqueId uid, long? size, CancellationToken ct)
    {
        var limit = options.MaxInboundMessageBytes;
        IngestOutcome outcome;
        if (size > limit)
        {
            // Never held in memory: streamed in partial fetches straight to the blob store.
            await using var chunks = new ImapChunkStream(folder, uid);
            var (sha, actual) = await blobs.PutStreamAsync(chunks, ct);
            outcome = await ingestor.IngestOversizedAsync(account, at, sha, actual, limit, ct);
        }
        else
        {
            byte[] raw;
            await using (var stream = await folder.GetStreamAsync(uid, ct))
            using (var copy = new MemoryStream())
            {
                await stream.CopyToAsync(copy, ct);
                raw = copy.ToArray();
            }

            outcome = raw.Length > limit
                ? await ingestor.IngestOversizedAsync(account, at, await blobs.PutAsync(raw, ct), raw.Length, limit, ct)
                : await ingestor.IngestAsync(account, at, raw, ct);
        }

        if (outcome == IngestOutcome.Stored)
        {
            statuses.MessageStored(account.Id);
        }
    }
}
