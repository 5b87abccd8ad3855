using MailKit.Net.Smtp;
using Mailroom.Core.Accounts;
using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// One pass of the sender: claims due outbox rows and delivers their stored raw bytes over the account's SMTP.
/// <para>
/// Delivery is at-least-once, never at-most-once. A row is claimed (Queued → Sending) by a conditional UPDATE,
/// so two instances never send the same row at the same time, and a row is Sent only once the server answered
/// 250 and that answer was committed. If the process dies between the 250 and the commit, the row is still
/// Sending; when its lease expires it is queued again and the message goes out a second time. That window is
/// milliseconds wide, and the resend carries the same fixed Message-ID, so receiving servers and clients that
/// dedupe on it show the message once. Losing a reply would be worse than a rare duplicate.
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
            var ids = new List<long>();
            foreach (var item in account)
            {
                if (await ClaimAsync(item.Id, ct))
                {
                    ids.Add(item.Id);
                }
            }

            claimed += ids.Count;
            if (ids.Count > 0)
            {
                await DeliverAsync(account.Key, ids, ct);
            }
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

    // The conditional UPDATE is the lock: only one instance sees "1 row affected".
    private async Task<bool> ClaimAsync(long id, CancellationToken ct)
    {
        var leaseUntil = time.GetUtcNow().UtcDateTime + options.ClaimLease;
        var rows = await db.Outbox.Where(o => o.Id == id && o.State == OutboxState.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.State, OutboxState.Sending)
                .SetProperty(o => o.Attempts, o => o.Attempts + 1)
                .SetProperty(o => o.NextAttemptAt, leaseUntil), ct);
        return rows == 1;
    }

    /// <summary>
    /// Sends an account's claimed rows over up to <see cref="OutboundOptions.ConnectionsPerAccount"/> SMTP
    /// connections at once, each lane with its own connection and unit of work: one slow SMTP transaction
    /// no longer holds up every reply queued behind it.
    /// </summary>
    private async Task DeliverAsync(int accountId, List<long> ids, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        var lanes = Math.Clamp(options.ConnectionsPerAccount, 1, ids.Count);
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane => DeliverLaneAsync(account, ids.Where((_, i) => i % lanes == lane).ToList(), ct)));
    }

    private async Task DeliverLaneAsync(EmailAccount account, List<long> ids, CancellationToken ct)
    {
        await using var laneDb = await dbs.CreateDbContextAsync(ct);
        SmtpClient smtp;
        try
        {
            smtp = await connections.OpenSmtpAsync(account, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Nothing was sent: every claimed row shares the connection's fate.
            var failure = DeliveryFailure.Classify(ex);
            logger.LogWarning("SMTP of account {AccountId} unavailable: {Error}", account.Id, failure.Text);
            foreach (var id in ids)
            {
                await RecordFailureAsync(laneDb, id, failure, ct);
            }

            return;
        }

        using (smtp)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                try
                {
                    var raw = await SendOneAsync(laneDb, blobs, smtp, ids[i], ct);
                    await RecordSentAsync(laneDb, ids[i], ct);
                    await sentCopy.TryAppendAsync(account, raw, ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    var failure = DeliveryFailure.Classify(ex);
                    logger.LogWarning("Outbox row {OutboxId} not delivered: {Error}", ids[i], failure.Text);
                    await RecordFailureAsync(laneDb, ids[i], failure, ct);
                    if (!smtp.IsConnected)
                    {
                        // The connection is gone: the rest of the lane waits for its own next attempt.
                        foreach (var rest in ids.Skip(i + 1))
                        {
                            await RecordFailureAsync(laneDb, rest, failure, ct);
                        }

                        return;
                    }
                }
            }

            await smtp.DisconnectAsync(true, ct);
        }
    }

    private static async Task<MimeMessage> SendOneAsync(MailroomDb db, BlobStore blobs, SmtpClient smtp, long outboxId, CancellationToken ct)
    {
        var sha = await db.Outbox.Where(o => o.Id == outboxId)
            .Join(db.Messages, o => o.MessageId, m => m.Id, (o, m) => m.RawSha256).FirstAsync(ct);
        await using var stream = blobs.OpenRead(sha);
        var message = await MimeMessage.LoadAsync(stream, ct);
        // Bcc recipients get the message through the envelope only; the header would reveal them to everyone.
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).ToList();
        message.Headers.RemoveAll(HeaderId.Bcc);
        var sender = message.Sender ?? message.From.Mailboxes.First();
        await smtp.SendAsync(message, sender, recipients, ct);
        return message;
    }

    private async Task RecordSentAsync(MailroomDb db, long outboxId, CancellationToken ct)
    {
        var (item, interactionId) = await LoadAsync(db, outboxId, ct);
        item.State = OutboxState.Sent;
        item.SentAt = time.GetUtcNow().UtcDateTime;
        item.LastError = null;
        // The send already happened: this commit must not be cancelled, or the row would be sent again.
        await AnnounceAndSaveAsync(db, item, interactionId, CancellationToken.None);
    }

    private async Task RecordFailureAsync(MailroomDb db, long outboxId, DeliveryFailure failure, CancellationToken ct)
    {
        var (item, interactionId) = await LoadAsync(db, outboxId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var next = failure.Permanent ? null : Backoff.NextAttempt(item.Attempts, now, item.GiveUpAt);
        item.LastError = failure.Permanent || next is not null ? failure.Text : $"Gave up after {QueueOutgoing.GiveUpAfter.TotalHours:0} h: {failure.Text}";
        item.State = next is null ? OutboxState.Failed : OutboxState.Queued;
        item.NextAttemptAt = next ?? now;
        await AnnounceAndSaveAsync(db, item, interactionId, ct);
    }

    private static async Task<(OutboxItem Item, long InteractionId)> LoadAsync(MailroomDb db, long outboxId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var item = await db.Outbox.FirstAsync(o => o.Id == outboxId, ct);
        var interactionId = await db.Messages.Where(m => m.Id == item.MessageId).Select(m => m.InteractionId).FirstAsync(ct);
        return (item, interactionId);
    }

    private async Task AnnounceAndSaveAsync(MailroomDb db, OutboxItem item, long interactionId, CancellationToken ct)
    {
        db.Append(new OutboundStatusChanged(item.MessageId, interactionId, item.AccountId, item.State, item.Attempts, item.LastError),
            time.GetUtcNow().UtcDateTime, item.AccountId, interactionId);
        await db.SaveChangesAsync(ct);
    }
}
