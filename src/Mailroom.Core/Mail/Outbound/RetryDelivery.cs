using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>An agent of the account sends a failed message again (after the admin fixed the password, say).</summary>
public sealed class RetryDelivery(MailroomDb db, TimeProvider time, OutboxSignal signal)
{
    public async Task<DeliveryView> RunAsync(Actor actor, long messageId, CancellationToken ct)
    {
        var (item, interactionId) = await DeliveryView.RequireAsync(db, actor, messageId, ct);
        if (item.State != OutboxState.Failed)
        {
            throw new ConflictException($"Message {messageId} is {item.State.ToString().ToLowerInvariant()}; only a failed message can be retried.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        item.State = OutboxState.Queued;
        item.Attempts = 0;
        item.NextAttemptAt = now;
        item.GiveUpAt = now + QueueOutgoing.GiveUpAfter;
        item.LastError = null;
        db.Append(new OutboundStatusChanged(messageId, interactionId, item.AccountId, item.State, 0, null), now, item.AccountId, interactionId);
        db.Record(interactionId, actor.UserId, "retry-send", $"message {messageId}", now);
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return DeliveryView.From(item);
    }
}
