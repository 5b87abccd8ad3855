using Mailroom.Core.Accounts;
using Mailroom.Core.Contacts;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Core.Threading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Mail.Inbound;

public enum IngestOutcome
{
    Stored = 0,
    AlreadyStored = 1,
    Problem = 2,
}

/// <summary>
/// Turns one fetched mailbox message into rows: raw bytes to the blob store first, then message, contact,
/// interaction, events and checkpoint in one transaction. Bad mail becomes an <see cref="IngestProblem"/> in
/// the same way, so nothing ever stops the mailbox or is fetched twice.
/// </summary>
public sealed class MessageIngestor(IDbContextFactory<MailroomDb> dbs, BlobStore blobs, TimeProvider time, ILogger<MessageIngestor> logger)
{
    public async Task<IngestOutcome> IngestAsync(EmailAccount account, MailboxPosition at, ReadOnlyMemory<byte> raw, CancellationToken ct)
    {
        var sha = await blobs.PutAsync(raw, ct);
        ParsedMail parsed;
        List<string> partShas;
        try
        {
            parsed = ParsedMail.Parse(raw);
            partShas = await StorePartsAsync(parsed, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await RecordProblemAsync(account, at, sha, raw.Length, $"Unparseable: {ex.GetType().Name}: {ex.Message}", ct);
        }

        return await StoreOnceAsync(at, async db =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (await IsResyncDuplicateAsync(db, at, parsed.MessageId, sha, ct))
            {
                await db.AdvanceAsync(at, now, ct);
                return IngestOutcome.AlreadyStored;
            }

            await AddMessageAsync(db, account, at, parsed, sha, raw.Length, partShas, now, ct);
            return IngestOutcome.Stored;
        }, ct);
    }

    /// <summary>A message over the size limit: its raw bytes are already in the blob store, unparsed.</summary>
    public Task<IngestOutcome> IngestOversizedAsync(EmailAccount account, MailboxPosition at, string sha, long size, long limit, CancellationToken ct) =>
        RecordProblemAsync(account, at, sha, size, $"Oversized: {size} bytes, the limit is {limit} bytes", ct);

    /// <summary>Stores the attachments' bytes before the transaction, like the raw message: rows never point at nothing.</summary>
    public async Task<List<string>> StorePartsAsync(ParsedMail parsed, CancellationToken ct)
    {
        var shas = new List<string>(parsed.Parts.Count);
        foreach (var part in parsed.Parts)
        {
            shas.Add(await blobs.PutAsync(part.Content, ct));
        }

        return shas;
    }

    /// <summary>Adds the message and everything it changes to <paramref name="db"/>; the caller commits.</summary>
    public static async Task<Message> AddMessageAsync(MailroomDb db, EmailAccount account, MailboxPosition at, ParsedMail parsed, string sha, long size,
        IReadOnlyList<string> partShas, DateTime now, CancellationToken ct)
    {
        var contact = await ContactFinder.FindOrCreateAsync(db, account, parsed.From?.Address, parsed.From?.Name, now, ct);
        await db.SaveChangesAsync(ct);
        var joined = await ThreadFinder.FindAsync(db, parsed.ThreadIds(), ct);
        var interaction = joined is { Status: InteractionStatus.Open } ? joined : null;
        var created = interaction is null;
        if (interaction is null)
        {
            interaction = new Interaction
            {
                AccountId = joined?.AccountId ?? account.Id,
                ContactId = contact?.Id,
                Subject = parsed.Subject,
                Status = InteractionStatus.Open,
                CreatedAt = now,
            };
            db.Interactions.Add(interaction);
            await db.SaveChangesAsync(ct);
        }

        var message = NewMessage(account, at, parsed, sha, size, partShas, now);
        message.InteractionId = interaction.Id;
        db.Messages.Add(message);
        interaction.UnreadCount++;
        interaction.LastMessagePreview = parsed.Preview();
        interaction.LastMessageDirection = MessageDirection.Incoming;
        interaction.LastMessageAt = now;
        interaction.LastActivityAt = now;
        // 003: a sub-status is "automatically removed anytime the email has been replied by the customer".
        interaction.SubStatusId = null;
        interaction.Version++;
        await db.SaveChangesAsync(ct);

        if (joined is { Status: InteractionStatus.Closed })
        {
            // 003 "Sample Scenario": a reply to a closed interaction opens a new one, linked both ways.
            interaction.ContinuedFromId = joined.Id;
            joined.ContinuedInId = interaction.Id;
            joined.Version++;
            db.Record(joined.Id, null, "ContinuedIn", interaction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), now);
            db.Append(new InteractionChanged(joined.Id, joined.AccountId, "ContinuedIn"), now, joined.AccountId, joined.Id);
        }

        if (created)
        {
            db.Record(interaction.Id, null, "Created", parsed.From?.Address, now);
            db.Append(new InteractionCreated(interaction.Id, interaction.AccountId), now, interaction.AccountId, interaction.Id);
        }

        db.Record(interaction.Id, null, "MessageReceived", message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), now);
        db.Append(new MessageStored(interaction.Id, message.Id, interaction.AccountId, MessageDirection.Incoming, interaction.UnreadCount),
            now, interaction.AccountId, interaction.Id);
        await db.AdvanceAsync(at, now, ct);
        return message;
    }

    private static Message NewMessage(EmailAccount account, MailboxPosition at, ParsedMail parsed, string sha, long size, IReadOnlyList<string> partShas, DateTime now) => new()
    {
        AccountId = account.Id,
        Direction = MessageDirection.Incoming,
        Kind = MessageKind.Customer,
        MessageIdHeader = parsed.MessageId,
        InReplyTo = parsed.InReplyTo,
        References = parsed.References.Count == 0 ? null : string.Join(' ', parsed.References),
        From = parsed.From?.Address ?? "",
        FromName = string.IsNullOrEmpty(parsed.From?.Name) ? null : parsed.From.Name,
        To = parsed.To,
        Cc = parsed.Cc,
        Bcc = parsed.Bcc,
        ReplyTo = parsed.ReplyTo,
        Subject = parsed.Subject,
        Date = parsed.Date,
        TextBody = parsed.TextBody,
        HtmlBody = parsed.HtmlBody,
        RawSha256 = sha,
        RawSize = size,
        AddressedAs = parsed.AddressedTo(account.Address),
        IsAutomatic = parsed.IsAutomatic,
        ImapMailbox = at.Mailbox,
        UidValidity = at.UidValidity,
        Uid = at.Uid,
        CreatedAt = now,
        Attachments = parsed.Parts.Select((p, i) => new Attachment
        {
            FileName = p.FileName,
            ContentType = p.ContentType,
            Size = p.Content.Length,
            ContentId = p.ContentId,
            IsInline = p.IsInline,
            BlobSha256 = partShas[i],
        }).ToList(),
    };

    private async Task<IngestOutcome> RecordProblemAsync(EmailAccount account, MailboxPosition at, string sha, long size, string reason, CancellationToken ct)
    {
        logger.LogWarning("Account {AccountId} {Mailbox} UID {Uid}: {Reason}; kept raw as {Sha}", account.Id, at.Mailbox, at.Uid, reason, sha);
        return await StoreOnceAsync(at, async db =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var seenBefore = await db.IngestProblems.AnyAsync(p => p.AccountId == at.AccountId && p.Mailbox == at.Mailbox
                && p.RawSha256 == sha && p.UidValidity != at.UidValidity, ct);
            if (!seenBefore)
            {
                db.IngestProblems.Add(new IngestProblem
                {
                    AccountId = at.AccountId,
                    Mailbox = at.Mailbox,
                    UidValidity = at.UidValidity,
                    Uid = at.Uid,
                    RawSha256 = sha,
                    RawSize = size,
                    Reason = reason.Length > 1000 ? reason[..1000] : reason,
                    CreatedAt = now,
                });
            }

            await db.AdvanceAsync(at, now, ct);
            return IngestOutcome.Problem;
        }, ct);
    }

    /// <summary>
    /// Runs <paramref name="store"/> in one transaction unless this mailbox position was stored already. The
    /// unique index decides races (a second instance, a retried batch): losing one means "already stored".
    /// </summary>
    private async Task<IngestOutcome> StoreOnceAsync(MailboxPosition at, Func<MailroomDb, Task<IngestOutcome>> store, CancellationToken ct)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await IsStoredAsync(db, at, ct))
            {
                await db.AdvanceAsync(at, time.GetUtcNow().UtcDateTime, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return IngestOutcome.AlreadyStored;
            }

            var outcome = await store(db);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return outcome;
        }
        catch (DbUpdateException ex)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await IsStoredAsync(db, at, ct))
            {
                throw;
            }

            logger.LogInformation(ex, "UID {Uid} of account {AccountId} was stored concurrently", at.Uid, at.AccountId);
            await db.AdvanceAsync(at, time.GetUtcNow().UtcDateTime, ct);
            await db.SaveChangesAsync(ct);
            return IngestOutcome.AlreadyStored;
        }
    }

    private static async Task<bool> IsStoredAsync(MailroomDb db, MailboxPosition at, CancellationToken ct) =>
        await db.Messages.AnyAsync(m => m.AccountId == at.AccountId && m.ImapMailbox == at.Mailbox && m.UidValidity == at.UidValidity && m.Uid == at.Uid, ct)
        || await db.IngestProblems.AnyAsync(p => p.AccountId == at.AccountId && p.Mailbox == at.Mailbox && p.UidValidity == at.UidValidity && p.Uid == at.Uid, ct);

    /// <summary>
    /// After a UIDVALIDITY change every message comes again under new UIDs: one stored from an earlier
    /// incarnation of the mailbox (same Message-ID, same bytes) is recognized and skipped. Always checked, so an
    /// interrupted resync that already moved the checkpoint cannot duplicate either.
    /// </summary>
    private static Task<bool> IsResyncDuplicateAsync(MailroomDb db, MailboxPosition at, string? messageId, string sha, CancellationToken ct) =>
        db.Messages.AnyAsync(m => m.AccountId == at.AccountId && m.RawSha256 == sha && m.MessageIdHeader == messageId
            && m.ImapMailbox == at.Mailbox && m.UidValidity != at.UidValidity, ct);
}
