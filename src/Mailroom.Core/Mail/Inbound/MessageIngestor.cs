using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Held;
using Mailroom.Core.Parking;
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

    /// <summary>Kept, but stopped before routing (a bounce, automatic mail, spam, a flood).</summary>
    Held = 3,
}

/// <summary>
/// Turns fetched mailbox messages into rows: raw bytes to the blob store first, then message, contact,
/// interaction, events and the checkpoint in one transaction per batch. Bad mail becomes an <see cref="IngestProblem"/> in
/// the same way, so nothing ever stops the mailbox or is fetched twice.
/// </summary>
public sealed class MessageIngestor(IDbContextFactory<MailroomDb> dbs, BlobStore blobs, TimeProvider time, ILogger<MessageIngestor> logger)
{
    /// <summary>How many fetched messages are parsed and written to the blob store at the same time.</summary>
    private const int PrepareParallelism = 8;

    public async Task<IngestOutcome> IngestAsync(EmailAccount account, MailboxPosition at, ReadOnlyMemory<byte> raw, CancellationToken ct) =>
        (await IngestBatchAsync(account, [new FetchedMail(at, raw)], ct))[0];

    /// <summary>
    /// Ingests messages fetched together, in UID order: raw bytes and attachments go to the blob store and are
    /// parsed outside any transaction (in parallel), then all rows and the checkpoint past the last one commit
    /// in ONE transaction. Returns one outcome per message, in the same order.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestBatchAsync(EmailAccount account, IReadOnlyList<FetchedMail> mails, CancellationToken ct) =>
        await StorePreparedAsync(account, await PrepareBatchAsync(mails, ct), ct);

    /// <summary>
    /// The part of ingesting that needs no transaction: raw bytes and attachments to the blob store (each
    /// flushed to disk), MIME parsed; several messages at once, since most of it is waiting for the disk.
    /// </summary>
    internal async Task<PreparedMail[]> PrepareBatchAsync(IReadOnlyList<FetchedMail> mails, CancellationToken ct)
    {
        var prepared = new PreparedMail[mails.Count];
        await Parallel.ForAsync(0, mails.Count, new ParallelOptions { MaxDegreeOfParallelism = PrepareParallelism, CancellationToken = ct },
            async (i, t) => prepared[i] = await PrepareAsync(mails[i], t));
        return prepared;
    }

    /// <summary>Commits prepared messages (in UID order) and the checkpoint past the last one in one transaction.</summary>
    internal async Task<IReadOnlyList<IngestOutcome>> StorePreparedAsync(EmailAccount account, PreparedMail[] prepared, CancellationToken ct)
    {
        if (prepared.Length == 0)
        {
            return [];
        }

        try
        {
            return await StoreBatchAsync(account, prepared, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The fence: another node took the account's lease. Nothing to settle, this node must stop.
            throw;
        }
        catch (DbUpdateException ex) when (prepared.Length > 1)
        {
            // Another instance stored part of this batch first: settle it message by message, where the unique
            // index tells each one apart.
            logger.LogInformation(ex, "Batch of {Count} messages of account {AccountId} conflicted; storing one at a time", prepared.Length, account.Id);
            var outcomes = new List<IngestOutcome>(prepared.Length);
            foreach (var one in prepared)
            {
                outcomes.Add((await StoreBatchWithRaceAsync(account, one, ct))[0]);
            }

            return outcomes;
        }
        catch (DbUpdateException)
        {
            return await StoreBatchWithRaceAsync(account, prepared[0], ct);
        }
    }

    private async Task<IReadOnlyList<IngestOutcome>> StoreBatchWithRaceAsync(EmailAccount account, PreparedMail one, CancellationToken ct)
    {
        try
        {
            return await StoreBatchAsync(account, [one], ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if ((await StoredUidsAsync(db, one.At, [one.At.Uid], ct)).Count == 0)
            {
                throw;
            }

            logger.LogInformation(ex, "UID {Uid} of account {AccountId} was stored concurrently", one.At.Uid, one.At.AccountId);
            await db.AdvanceCheckpointAsync(one.At, time.GetUtcNow().UtcDateTime, ct);
            await db.SaveChangesAsync(ct);
            return [IngestOutcome.AlreadyStored];
        }
    }

    /// <summary>Raw bytes first, then the parse and the attachments; a parse failure becomes a problem to record.</summary>
    private async Task<PreparedMail> PrepareAsync(FetchedMail mail, CancellationToken ct)
    {
        var sha = await blobs.PutAsync(mail.Raw, ct);
        if (mail.Problem is not null)
        {
            return new PreparedMail(mail.At, sha, mail.Raw.Length, null, [], mail.Problem);
        }

        try
        {
            var parsed = ParsedMail.Parse(mail.Raw);
            return new PreparedMail(mail.At, sha, mail.Raw.Length, parsed, await StorePartsAsync(parsed, ct), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new PreparedMail(mail.At, sha, mail.Raw.Length, null, [], $"Unparseable: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<IReadOnlyList<IngestOutcome>> StoreBatchAsync(EmailAccount account, PreparedMail[] batch, CancellationToken ct)
    {
        var first = batch[0].At;
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Two queries for the whole batch instead of three per message.
        var stored = await StoredUidsAsync(db, first, batch.Select(p => p.At.Uid).ToList(), ct);
        var earlier = await EarlierIncarnationsAsync(db, first, batch.Select(p => p.Sha).ToList(), ct);
        var known = await IngestLookups.LoadAsync(db, account, batch.Select(p => p.Parsed).OfType<ParsedMail>().ToList(), time.GetUtcNow().UtcDateTime, ct);
        var outcomes = new List<IngestOutcome>(batch.Length);
        foreach (var mail in batch)
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (stored.Contains(mail.At.Uid))
            {
                outcomes.Add(IngestOutcome.AlreadyStored);
            }
            else if (mail.Parsed is null)
            {
                await AddProblemAsync(db, mail.At, mail.Sha, mail.Size, mail.Problem!, now, ct);
                outcomes.Add(IngestOutcome.Problem);
            }
            else if (earlier.Contains((mail.Sha, mail.Parsed.MessageId)))
            {
                outcomes.Add(IngestOutcome.AlreadyStored);
            }
            else if (HoldDecision.Decide(known, account, mail.Parsed, now) is { } verdict)
            {
                await HeldMails.HoldAsync(db, mail.At, mail.Parsed, mail.Sha, mail.Size, verdict, now, ct);
                known.Held(mail.Parsed, verdict);
                outcomes.Add(IngestOutcome.Held);
            }
            else
            {
                await AddMessageAsync(db, blobs, account, mail.At, mail.Parsed, mail.Sha, mail.Size, mail.PartShas, now, known, ct);
                outcomes.Add(IngestOutcome.Stored);
            }

            await db.SaveChangesAsync(ct);
            // Each message's rows are final once saved: keep the tracker small so saving stays O(1) per message.
            db.ChangeTracker.Clear();
        }

        await db.AdvanceCheckpointAsync(batch[^1].At, time.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return outcomes;
    }

    /// <summary>A message over the size limit: its raw bytes are already in the blob store, unparsed.</summary>
    public Task<IngestOutcome> IngestOversizedAsync(EmailAccount account, MailboxPosition at, string sha, long size, long limit, CancellationToken ct) =>
        RecordProblemAsync(account, at, sha, size, OversizedReason(size, limit), ct);

    public static string OversizedReason(long size, long limit) => $"Oversized: {size} bytes, the limit is {limit} bytes";

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

    /// <summary>
    /// Stores a message kept raw earlier (a re-processed problem, released held mail) as if it had just arrived:
    /// parsed again, parts to the blob store, rows added to <paramref name="db"/> for the caller to commit.
    /// </summary>
    public async Task<Message> StoreKeptAsync(MailroomDb db, EmailAccount account, MailboxPosition at, string sha, DateTime now, CancellationToken ct)
    {
        var raw = await blobs.ReadAllAsync(sha, ct);
        ParsedMail parsed;
        List<string> partShas;
        try
        {
            parsed = ParsedMail.Parse(raw);
            partShas = await StorePartsAsync(parsed, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ConflictException($"The message still cannot be parsed: {ex.Message}");
        }

        var known = await IngestLookups.LoadAsync(db, account, [parsed], now, ct);
        return await AddMessageAsync(db, blobs, account, at, parsed, sha, raw.Length, partShas, now, known, ct);
    }

    /// <summary>
    /// Adds the message and everything it changes to <paramref name="db"/>; the caller commits, and moves the
    /// checkpoint once for all the messages it commits together.
    /// </summary>
    private static async Task<Message> AddMessageAsync(MailroomDb db, BlobStore blobs, EmailAccount account, MailboxPosition at, ParsedMail parsed, string sha,
        long size, IReadOnlyList<string> partShas, DateTime now, IngestLookups known, CancellationToken ct)
    {
        var contactId = await known.ContactIdAsync(db, account, parsed, now, ct);
        var joined = await ThreadFinder.FindAsync(db, parsed.ThreadIds(), known.Threads, ct);
        var interaction = joined is { Status: InteractionStatus.Open } ? joined : null;
        var created = interaction is null;
        if (interaction is null)
        {
            interaction = new Interaction
            {
                AccountId = joined?.AccountId ?? account.Id,
                ContactId = contactId,
                Subject = parsed.Subject,
                Status = InteractionStatus.Open,
                CreatedAt = now,
            };
            db.Interactions.Add(interaction);
            await db.SaveChangesAsync(ct);
        }

        var message = NewMessage(account, at, parsed, sha, size, partShas, now);
        message.InteractionId = interaction.Id;
        if (joined is { Status: InteractionStatus.Closed })
        {
            message.Attachments.Add(await ClosedInteractionBundle.CreateAsync(db, blobs, joined, account.Address, now, ct));
        }

        db.Messages.Add(message);
        interaction.UnreadCount++;
        interaction.LastMessagePreview = parsed.Preview();
        interaction.LastMessageDirection = MessageDirection.Incoming;
        interaction.LastMessageAt = now;
        interaction.LastActivityAt = now;
        // A sub-status is "automatically removed anytime the email has been replied by the customer".
        interaction.SubStatusId = null;
        db.EndParking(interaction, UnparkReason.CustomerWrote, null, now);
        interaction.Version++;
        await db.SaveChangesAsync(ct);
        known.Stored(parsed, message);

        if (joined is { Status: InteractionStatus.Closed })
        {
            // "Sample Scenario": a reply to a closed interaction opens a new one, linked both ways.
            interaction.ContinuedFromId = joined.Id;
            joined.ContinuedInId = interaction.Id;
            joined.Version++;
            db.Record(joined.Id, null, "ContinuedIn", interaction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), now);
            db.Record(interaction.Id, null, "ContinuedFrom", joined.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), now);
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
        FromFallback = parsed.FromFallback,
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

    private async Task<IngestOutcome> RecordProblemAsync(EmailAccount account, MailboxPosition at, string sha, long size, string reason, CancellationToken ct) =>
        (await StoreBatchWithRaceAsync(account, new PreparedMail(at, sha, size, null, [], reason), ct))[0];

    private async Task AddProblemAsync(MailroomDb db, MailboxPosition at, string sha, long size, string reason, DateTime now, CancellationToken ct)
    {
        logger.LogWarning("Account {AccountId} {Mailbox} UID {Uid}: {Reason}; kept raw as {Sha}", at.AccountId, at.Mailbox, at.Uid, reason, sha);
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
    }

    /// <summary>Which of <paramref name="uids"/> (same account, mailbox and UIDVALIDITY as <paramref name="at"/>) are stored already.</summary>
    private static async Task<HashSet<long>> StoredUidsAsync(MailroomDb db, MailboxPosition at, List<long> uids, CancellationToken ct)
    {
        var messages = await db.Messages.Where(m => m.AccountId == at.AccountId && m.ImapMailbox == at.Mailbox && m.UidValidity == at.UidValidity
            && m.Uid != null && uids.Contains(m.Uid.Value)).Select(m => m.Uid!.Value).ToListAsync(ct);
        var problems = await db.IngestProblems.Where(p => p.AccountId == at.AccountId && p.Mailbox == at.Mailbox && p.UidValidity == at.UidValidity
            && uids.Contains(p.Uid)).Select(p => p.Uid).ToListAsync(ct);
        var held = await db.HeldMails.Where(h => h.AccountId == at.AccountId && h.Mailbox == at.Mailbox && h.UidValidity == at.UidValidity
            && uids.Contains(h.Uid)).Select(h => h.Uid).ToListAsync(ct);
        return [.. messages, .. problems, .. held];
    }

    /// <summary>
    /// After a UIDVALIDITY change every message comes again under new UIDs: one stored from an earlier
    /// incarnation of the mailbox (same Message-ID, same bytes) is recognized and skipped. Always checked, so an
    /// interrupted resync that already moved the checkpoint cannot duplicate either.
    /// </summary>
    private static async Task<HashSet<(string Sha, string? MessageId)>> EarlierIncarnationsAsync(MailroomDb db, MailboxPosition at, List<string> shas,
        CancellationToken ct)
    {
        var found = await db.Messages.Where(m => m.AccountId == at.AccountId && shas.Contains(m.RawSha256) && m.ImapMailbox == at.Mailbox
            && m.UidValidity != at.UidValidity).Select(m => new { m.RawSha256, m.MessageIdHeader }).ToListAsync(ct);
        return found.Select(f => (f.RawSha256, f.MessageIdHeader)).ToHashSet();
    }
}

/// <summary>A message as fetched from the mailbox, with where it was found.</summary>
public sealed record FetchedMail(MailboxPosition At, ReadOnlyMemory<byte> Raw, string? Problem = null);

/// <summary>A fetched message after the work done outside the transaction: blobs written, MIME parsed (or the reason it was not).</summary>
internal sealed record PreparedMail(MailboxPosition At, string Sha, long Size, ParsedMail? Parsed, IReadOnlyList<string> PartShas, string? Problem);
