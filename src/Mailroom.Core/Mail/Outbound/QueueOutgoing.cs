using Mailroom.Core.Closing;
using Mailroom.Core.Common;
using Mailroom.Core.Drafts;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Core.SubStatuses;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// The common end of every compose use case: builds the MIME message, stores its raw bytes, and commits the
/// outgoing Message, its OutboxItem, the interaction's update and the events in one transaction, so the
/// agent's action and the delivery promise exist together or not at all.
/// </summary>
public sealed class QueueOutgoing(MailroomDb db, BlobStore blobs, TimeProvider time, OutboxSignal signal, InteractionCloser closer,
    OutboundOptions options)
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    /// <summary>To, Cc and Bcc together: an agent answers customers, a mailing is not Mailroom's job (nor a spammer's).</summary>
    public const int MaxRecipients = 100;

    internal async Task<QueuedMessage> RunAsync(Actor actor, Interaction interaction, OutgoingDraft draft, ComposeInput input, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var sendAt = input.SendAt is { } at ? DateTime.SpecifyKind(at.ToUniversalTime(), DateTimeKind.Utc) : (DateTime?)null;
        Validate(draft, input, sendAt, now);
        // The send options are checked before anything is built: a refused close sends nothing.
        var subStatusName = input.Send == SendAction.SendAs ? await SetSubStatus.RequireNameAsync(db, input.SubStatusId, ct) : null;
        var close = input.Send == SendAction.SendAndClose ? await closer.PrepareAsync(actor, interaction, input.DispositionId, ct) : null;
        var messageId = OutgoingMime.NewMessageId(draft.Account.Address);
        // A scheduled message is dated when it leaves, as the customer's mail client will show it.
        var mime = await OutgoingMime.BuildAsync(draft, messageId, sendAt ?? now, blobs, ct);
        var raw = OutgoingMime.Serialize(mime);
        // The blob is written first: a crash before the commit leaves an unreferenced blob, never a row without bytes.
        var sha = await blobs.PutAsync(raw, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (interaction.Id == 0)
        {
            db.Interactions.Add(interaction);
            await db.SaveChangesAsync(ct);
            db.Append(new InteractionChanged(interaction.Id, interaction.AccountId, "created"), now, interaction.AccountId, interaction.Id);
        }

        var message = NewMessage(interaction, draft, actor, messageId, sha, raw.LongLength, now);
        db.Messages.Add(message);
        await db.SaveChangesAsync(ct);
        db.Outbox.Add(new OutboxItem
        {
            MessageId = message.Id,
            AccountId = draft.Account.Id,
            State = OutboxState.Queued,
            // The undo hold (or the chosen time): the sender does not see the row before this, so Undo never races an
            // SMTP transaction.
            NextAttemptAt = sendAt ?? (draft.Kind == MessageKind.Agent ? now + options.UndoHold : now),
            GiveUpAt = (sendAt ?? now) + GiveUpAfter,
            CreatedAt = now,
            ScheduledFor = sendAt,
            SentByUserId = actor.PersonId,
            IdempotencyKey = input.IdempotencyKey,
        });
        if (input.IdempotencyKey is not null && await SavedFirstAsync(actor, input, ct) is { } earlier)
        {
            return earlier;
        }

        // An automatic answer is not the agent's: it is neither the last message nor the first response.
        if (draft.Kind == MessageKind.Agent)
        {
            Update(interaction, message, actor, now, sendAt);
        }

        db.Append(new MessageStored(interaction.Id, message.Id, interaction.AccountId, MessageDirection.Outgoing, interaction.UnreadCount),
            now, interaction.AccountId, interaction.Id);
        db.Record(interaction.Id, actor.PersonId, draft.Action, $"message {message.Id} to {message.To}"
            + (sendAt is { } scheduled ? $", scheduled for {scheduled.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC" : ""), now);
        await MyDrafts.DeleteSentAsync(db, interaction.Id, actor.UserId, now, ct);
        if (input.Send == SendAction.SendAs)
        {
            SetSubStatus.Apply(db, interaction, input.SubStatusId, subStatusName, actor, now);
        }

        if (close is not null)
        {
            await closer.ApplyAsync(actor, interaction, close, "sent and closed", now, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"Interaction {interaction.Id} changed meanwhile; reload it and send again.");
        }

        await transaction.CommitAsync(ct);
        signal.Wake();
        if (close?.Disposition is not null)
        {
            await closer.ResumeAsync(actor, ct);
        }

        return new QueuedMessage(message.Id, interaction.Id, messageId);
    }

    /// <summary>
    /// Saves the keyed outbox row at once: when the same send ran at the same time and committed first, the
    /// unique key refuses this one, and its answer is the first send's message.
    /// </summary>
    private async Task<QueuedMessage?> SavedFirstAsync(Actor actor, ComposeInput input, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // PostgreSQL reads nothing more in a failed transaction: it is rolled back before the first send is read.
            await db.Database.RollbackTransactionAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            if (await SendOnce.EarlierAsync(db, actor, input, null, ct) is { } earlier)
            {
                return earlier;
            }

            throw;
        }
    }

    public static readonly TimeSpan SoonestSchedule = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LatestSchedule = TimeSpan.FromDays(365);

    private static void Validate(OutgoingDraft draft, ComposeInput input, DateTime? sendAt, DateTime now)
    {
        var validator = new Validator();
        validator.When(sendAt < now + SoonestSchedule, "sendAt", "must be at least a minute from now; to send now, leave it out.");
        validator.When(sendAt > now + LatestSchedule, "sendAt", "must be within a year.");
        validator.When(sendAt is not null && draft.Kind != MessageKind.Agent, "sendAt", "is for an agent's own message.");
        validator.When(draft.To.Count == 0, "to", "needs at least one recipient.");
        validator.When(draft.To.Count + draft.Cc.Count + draft.Bcc.Count > MaxRecipients, "to",
            $"to, cc and bcc together may name at most {MaxRecipients} recipients.");
        validator.When(string.IsNullOrWhiteSpace(draft.Subject), "subject", "is required.");
        validator.When(draft.Subject.Length > 998, "subject", "must be at most 998 characters.");
        validator.When(input.Send == SendAction.SendAs && input.SubStatusId is null, "subStatusId", "is required to send as a sub-status.");
        validator.ThrowIfInvalid();
    }

    private static Message NewMessage(Interaction interaction, OutgoingDraft draft, Actor actor, string messageId, string sha, long size, DateTime now) => new()
    {
        InteractionId = interaction.Id,
        AccountId = draft.Account.Id,
        Direction = MessageDirection.Outgoing,
        Kind = draft.Kind,
        MessageIdHeader = messageId,
        InReplyTo = draft.Thread.InReplyTo,
        References = draft.Thread.References.Count == 0 ? null : string.Join(' ', draft.Thread.References),
        From = draft.Account.Address,
        FromName = draft.Account.Name,
        ReplyTo = draft.Account.Address,
        To = Addresses.Format(draft.To),
        Cc = Addresses.Format(draft.Cc),
        Bcc = Addresses.Format(draft.Bcc),
        Subject = draft.Subject,
        Date = now,
        TextBody = draft.TextBody,
        HtmlBody = draft.HtmlBody,
        RawSha256 = sha,
        RawSize = size,
        SentByUserId = actor.PersonId,
        CreatedAt = now,
        Attachments = draft.Attachments.Select(a => new Attachment
        {
            FileName = a.FileName,
            ContentType = a.ContentType,
            Size = a.Size,
            ContentId = a.ContentId,
            IsInline = a.IsInline && draft.HtmlBody is not null,
            BlobSha256 = a.BlobSha256,
        }).ToList(),
    };

    // A scheduled reply is the first response when it is due to reach the customer, not when it was written.
    private static void Update(Interaction interaction, Message message, Actor actor, DateTime now, DateTime? sendAt)
    {
        interaction.LastMessagePreview = Preview(message.TextBody);
        interaction.LastMessageDirection = MessageDirection.Outgoing;
        interaction.LastMessageAt = now;
        interaction.LastActivityAt = now;
        interaction.FirstResponseAt ??= sendAt ?? now;
        interaction.FirstAgentId ??= actor.UserId;
        interaction.Version++;
    }

    internal static string? Preview(string? text) =>
        text is null ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) is var flat && flat.Length > 200 ? flat[..200] : flat;
}
