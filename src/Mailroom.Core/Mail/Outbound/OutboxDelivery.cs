using MailKit.Net.Smtp;
using Mailroom.Core.Accounts;
using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// One pass of the sender: finds due outbox rows and delivers their stored raw bytes over the account's SMTP.
/// <para>
/// Delivery is at-least-once, never at-most-once. Each row is claimed (Queued → Sending) by a conditional UPDATE
/// right before it is sent, so two instances never send the same row at the same time and a process that dies
/// leaves at most one claimed row per connection behind. Once the message is handed to the server it is never
/// cancelled (a cut after the final dot but before the 250 would send it twice), and the 250 is recorded by one
/// update that no shutdown cancels. Only if the process is killed between the 250 and that commit is the row
/// still Sending; when its lease expires it goes out a second time, with the same fixed Message-ID, so receiving
/// servers and clients that dedupe on it show it once. Losing a reply would be worse than a rare duplicate.
/// </para>
/// </summary>
public sealed class OutboxDelivery(MailroomDb db, IDbContextFactory<MailroomDb> dbs, BlobStore blobs, MailConnections connections, SentFolderCopy sentCopy,
    TimeProvider time, OutboundOptions options, ILogger<OutboxDelivery> logger)
{
    /// <summary>Delivers what is due; returns how many rows it claimed.</summary>
    public async Task<int> RunPassAsync(CancellationToken ct)
    {
        await ReleaseAbandonedClaimsAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.AsNoTracking()
            .Where(o => o.State == OutboxState.Queued && o.NextAttemptAt <= now)
            .OrderBy(o => o.NextAttemptAt).ThenBy(o => o.Id).Take(options.BatchSize)
            .Select(o => new { o.Id, o.AccountId }).ToListAsync(ct);
        var claimed = 0;
        foreach (var account in due.GroupBy(d => d.AccountId))
        {
            claimed += await DeliverAsync(account.Key, account.Select(d => d.Id).ToList(), ct);
        }

        return claimed;
    }

    /// <summary>Rows left in Sending by a process that died are queued again once their lease is over (never Sent ones).</summary>
    public async Task<int> ReleaseAbandonedClaimsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Outbox.Where(o => o.State == OutboxState.Sending && o.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Queued), ct);
    }

    // The conditional UPDATE is the lock: only one instance sees "1 row affected". Not cancellable, so a claim
    // is either not made or known to be made (and then sent, recorded or released).
    private async Task<bool> ClaimAsync(MailroomDb laneDb, long id)
    {
        var leaseUntil = time.GetUtcNow().UtcDateTime + options.ClaimLease;
        var rows = await laneDb.Outbox.Where(o => o.Id == id && o.State == OutboxState.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.State, OutboxState.Sending)
                .SetProperty(o => o.Attempts, o => o.Attempts + 1)
                .SetProperty(o => o.NextAttemptAt, leaseUntil), CancellationToken.None);
        return rows == 1;
    }

    /// <summary>A claim given back unused (shutting down before the send began): due at once, the attempt not counted.</summary>
    private async Task ReleaseAsync(MailroomDb laneDb, long id)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await laneDb.Outbox.Where(o => o.Id == id && o.State == OutboxState.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.State, OutboxState.Queued)
                .SetProperty(o => o.Attempts, o => o.Attempts - 1)
                .SetProperty(o => o.NextAttemptAt, now), CancellationToken.None);
    }

    /// <summary>
    /// Sends an account's due rows over up to <see cref="OutboundOptions.ConnectionsPerAccount"/> SMTP
    /// connections at once, each lane with its own connection and unit of work: one slow SMTP transaction
    /// no longer holds up every reply queued behind it. Returns how many rows were claimed.
    /// </summary>
    private async Task<int> DeliverAsync(int accountId, List<long> ids, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        var lanes = Math.Clamp(options.ConnectionsPerAccount, 1, ids.Count);
        var claimed = await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane => DeliverLaneAsync(account, ids.Where((_, i) => i % lanes == lane).ToList(), ct)));
        return claimed.Sum();
    }

    private async Task<int> DeliverLaneAsync(EmailAccount account, List<long> ids, CancellationToken ct)
    {
        await using var laneDb = await dbs.CreateDbContextAsync(ct);
        SmtpClient smtp;
        try
        {
            smtp = await connections.OpenSmtpAsync(account, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Nothing was sent: every row of the lane shares the connection's fate and takes the attempt.
            var failure = DeliveryFailure.Classify(ex) with { Connection = true };
            logger.LogWarning("SMTP of account {AccountId} unavailable: {Error}", account.Id, failure.Text);
            var failed = 0;
            foreach (var id in ids)
            {
                if (await ClaimAsync(laneDb, id))
                {
                    await RecordFailureAsync(laneDb, id, failure);
                    failed++;
                }
            }

            return failed;
        }

        var claimed = 0;
        using (smtp)
        {
            foreach (var id in ids)
            {
                // Shutting down: the rows not yet claimed simply stay queued for the next process.
                if (ct.IsCancellationRequested || !await ClaimAsync(laneDb, id))
                {
                    continue;
                }

                claimed++;
                if (!await SendClaimedAsync(laneDb, account, smtp, id, ct))
                {
                    // The connection is gone: the rest of the lane waits for the next pass and its own connection.
                    return claimed;
                }
            }

            await smtp.DisconnectAsync(true, ct);
        }

        return claimed;
    }

    /// <summary>Sends one claimed row and records the outcome; false when the connection did not survive it.</summary>
    private async Task<bool> SendClaimedAsync(MailroomDb laneDb, EmailAccount account, SmtpClient smtp, long id, CancellationToken ct)
    {
        OutboxItem item;
        long interactionId;
        MimeMessage message;
        try
        {
            (item, interactionId) = await LoadAsync(laneDb, id, ct);
            message = await LoadMessageAsync(laneDb, blobs, item.MessageId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await ReleaseAsync(laneDb, id);
            return true;
        }

        using var holding = new CancellationTokenSource();
        var hold = HoldClaimAsync(id, holding.Token);
        try
        {
            await SendAsync(smtp, message);
        }
        catch (Exception ex)
        {
            var failure = DeliveryFailure.Classify(ex);
            logger.LogWarning("Outbox row {OutboxId} not delivered: {Error}", id, failure.Text);
            await StopHoldingAsync(holding, hold);
            await RecordFailureAsync(laneDb, id, failure);
            return smtp.IsConnected;
        }

        await StopHoldingAsync(holding, hold);

        await RecordSentAsync(laneDb, item, interactionId);
        await sentCopy.TryAppendAsync(account, message, ct);
        return true;
    }

    /// <summary>
    /// Renews the claim's lease while its SMTP transaction runs, so the lease can be short: a reply claimed by a
    /// process that was killed goes out again seconds after, not minutes, however long a real transaction takes.
    /// </summary>
    private async Task HoldClaimAsync(long id, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.ClaimLease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await using var holdDb = await dbs.CreateDbContextAsync(stop);
                    var until = time.GetUtcNow().UtcDateTime + options.ClaimLease;
                    await holdDb.Outbox.Where(o => o.Id == id && o.State == OutboxState.Sending)
                        .ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAt, until), stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning("Renewing the claim on outbox row {OutboxId} failed ({Error}); trying again", id, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The send is over: its outcome is recorded next.
        }
    }

    private static async Task StopHoldingAsync(CancellationTokenSource holding, Task hold)
    {
        await holding.CancelAsync();
        await hold;
    }

    private static async Task<MimeMessage> LoadMessageAsync(MailroomDb db, BlobStore blobs, long messageId, CancellationToken ct)
    {
        var sha = await db.Messages.Where(m => m.Id == messageId).Select(m => m.RawSha256).FirstAsync(ct);
        await using var stream = blobs.OpenRead(sha);
        return await MimeMessage.LoadAsync(stream, ct);
    }

    // Not cancellable: once the server has the message, cutting the connection before its 250 makes the next
    // attempt a second copy. The client's timeout still bounds a server that stops answering.
    private static async Task SendAsync(SmtpClient smtp, MimeMessage message)
    {
        // Bcc recipients get the message through the envelope only; the header would reveal them to everyone.
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).ToList();
        message.Headers.RemoveAll(HeaderId.Bcc);
        var sender = message.Sender ?? message.From.Mailboxes.First();
        await smtp.SendAsync(message, sender, recipients, CancellationToken.None);
    }

    /// <summary>The row was loaded before the send: after the 250 only this one commit remains, and nothing cancels it.</summary>
    private async Task RecordSentAsync(MailroomDb laneDb, OutboxItem item, long interactionId)
    {
        item.State = OutboxState.Sent;
        item.SentAt = time.GetUtcNow().UtcDateTime;
        item.LastError = null;
        await AnnounceAndSaveAsync(laneDb, item, interactionId);
    }

    // Not cancellable either: a claimed row left half-recorded would wait out its lease.
    private async Task RecordFailureAsync(MailroomDb db, long outboxId, DeliveryFailure failure)
    {
        var (item, interactionId) = await LoadAsync(db, outboxId, CancellationToken.None);
        var now = time.GetUtcNow().UtcDateTime;
        var next = failure.Permanent ? null : Backoff.NextAttempt(item.Attempts, now, item.GiveUpAt, failure.Connection ? Backoff.ConnectionMax : null);
        item.LastError = failure.Permanent || next is not null ? failure.Text : $"Gave up after {QueueOutgoing.GiveUpAfter.TotalHours:0} h: {failure.Text}";
        item.State = next is null ? OutboxState.Failed : OutboxState.Queued;
        item.NextAttemptAt = next ?? now;
        await AnnounceAndSaveAsync(db, item, interactionId);
    }

    private static async Task<(OutboxItem Item, long InteractionId)> LoadAsync(MailroomDb db, long outboxId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var item = await db.Outbox.FirstAsync(o => o.Id == outboxId, ct);
        var interactionId = await db.Messages.Where(m => m.Id == item.MessageId).Select(m => m.InteractionId).FirstAsync(ct);
        return (item, interactionId);
    }

    private async Task AnnounceAndSaveAsync(MailroomDb db, OutboxItem item, long interactionId)
    {
        db.Append(new OutboundStatusChanged(item.MessageId, interactionId, item.AccountId, item.State, item.Attempts, item.LastError),
            time.GetUtcNow().UtcDateTime, item.AccountId, interactionId);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
