using Mailroom.Core.Common;
using Mailroom.Core.Drafts;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// Undo send: within the hold (<see cref="OutboundOptions.UndoHold"/>) the agent who sent a message takes it back.
/// The message never existed for the customer, so it leaves the thread and its text goes back into the sender's
/// draft for the interaction, where the composer reopens with it.
/// </summary>
public sealed class UndoSend(MailroomDb db, TimeProvider time)
{
    public async Task<DraftView> RunAsync(Actor actor, long messageId, CancellationToken ct)
    {
        var (item, interactionId) = await DeliveryView.RequireAsync(db, actor, messageId, ct);
        var message = await db.Messages.FirstAsync(m => m.Id == messageId, ct);
        if (message.SentByUserId != actor.PersonId)
        {
            throw new ForbiddenException("Only the agent who sent a message can undo it.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The conditional DELETE is the race with the sender's claim (Queued -> Sending): exactly one of them wins.
        var taken = await db.Outbox.Where(o => o.Id == item.Id && o.State == OutboxState.Queued && o.Attempts == 0 && o.NextAttemptAt > now)
            .ExecuteDeleteAsync(ct);
        if (taken == 0)
        {
            throw new ConflictException($"Message {messageId} is already on its way; it can no longer be undone.");
        }

        // Gone from the database already: the message's cascade must not delete it a second time.
        db.Entry(item).State = EntityState.Detached;

        var interaction = await db.Interactions.FirstAsync(i => i.Id == interactionId, ct);
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.InteractionId == interactionId && d.UserId == actor.UserId, ct);
        if (draft is null)
        {
            draft = new Draft { InteractionId = interactionId, UserId = actor.UserId, CreatedAt = now };
            db.Drafts.Add(draft);
        }

        var action = await LastActionAsync(interactionId, messageId, ct);
        new DraftInput(action is "reply-all" or "forward" ? action : "reply", message.To, message.Cc, message.Bcc, message.Subject,
            Signature.Strip(message.HtmlBody, message.TextBody ?? ""), message.HtmlBody is not null).ApplyTo(draft, now);
        db.Messages.Remove(message);
        await ForgetAsync(interaction, message, item.ScheduledFor, ct);
        await db.SaveChangesAsync(ct);

        db.Record(interactionId, actor.UserId, "undo-send", $"message {messageId} taken back into draft {draft.Id}", now);
        db.Append(new OutboundStatusChanged(messageId, interactionId, item.AccountId, OutboxState.Cancelled, 0, null), now, item.AccountId, interactionId);
        db.Append(new InteractionChanged(interactionId, interaction.AccountId, "send-undone"), now, interaction.AccountId, interactionId);
        db.Append(new DraftsChanged(actor.UserId, interactionId, draft.Id, "saved"), now, null, interactionId, actor.UserId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var key = await db.Accounts.AsNoTracking().Where(a => a.Id == interaction.AccountId).Select(a => a.Key).FirstAsync(ct);
        return DraftView.From(draft, key);
    }

    /// <summary>The compose action the history recorded for the message (reply, reply-all, forward, new-message).</summary>
    private Task<string?> LastActionAsync(long interactionId, long messageId, CancellationToken ct)
    {
        var detail = $"message {messageId} to ";
        return db.History.Where(h => h.InteractionId == interactionId && h.Details != null && h.Details.StartsWith(detail))
            .OrderByDescending(h => h.Id).Select(h => h.Action).FirstOrDefaultAsync(ct);
    }

    /// <summary>What sending set on the interaction is undone with it: the last message, and a first response it was.</summary>
    private async Task ForgetAsync(Interaction interaction, Message message, DateTime? scheduledFor, CancellationToken ct)
    {
        if (interaction.FirstResponseAt == (scheduledFor ?? message.CreatedAt))
        {
            interaction.FirstResponseAt = null;
            interaction.FirstAgentId = null;
        }

        if (interaction.LastMessageAt == message.CreatedAt)
        {
            var previous = await db.Messages.AsNoTracking()
                .Where(m => m.InteractionId == interaction.Id && m.Id != message.Id && m.Kind != MessageKind.AutoReply)
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
                .Select(m => new { m.TextBody, m.Direction, m.CreatedAt }).FirstOrDefaultAsync(ct);
            interaction.LastMessagePreview = QueueOutgoing.Preview(previous?.TextBody);
            interaction.LastMessageDirection = previous?.Direction ?? interaction.LastMessageDirection;
            interaction.LastMessageAt = previous?.CreatedAt ?? interaction.LastMessageAt;
        }

        interaction.Version++;
    }
}
