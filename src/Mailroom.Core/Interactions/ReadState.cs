using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Interactions;

/// <summary>
/// Read and unread. An agent opening an interaction reads it; "Mark as unread" only where the account
/// allows it ("Mark as unread" setting), otherwise 409 naming the setting. Only the person working it, or
/// anyone while nobody is assigned, reads it: a supervisor looking over a shoulder must not make a customer's
/// new message look handled to the agent who owns it.
/// </summary>
public sealed class ReadState(MailroomDb db, TimeProvider time)
{
    public Task MarkReadAsync(Actor actor, long interactionId, CancellationToken ct) => SetAsync(actor, interactionId, unread: false, ct);

    public Task MarkUnreadAsync(Actor actor, long interactionId, CancellationToken ct) => SetAsync(actor, interactionId, unread: true, ct);

    private async Task SetAsync(Actor actor, long interactionId, bool unread, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        if (unread && !await db.Accounts.AnyAsync(a => a.Id == interaction.AccountId && a.MarkAsUnreadAllowed, ct))
        {
            throw new ConflictException("This account does not allow marking interactions as unread; an administrator can enable \"Mark as unread\" in its settings.");
        }

        if (!unread && interaction.AssignedUserId is int owner && owner != actor.UserId)
        {
            return;
        }

        var count = unread ? Math.Max(1, interaction.UnreadCount) : 0;
        if (count == interaction.UnreadCount)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        // Not a new Version: reading changes nothing a transfer or a reply decides on, and opening an
        // interaction must not make the transfer panel's version stale (409 right after opening).
        interaction.UnreadCount = count;
        db.Record(interactionId, actor.UserId, unread ? "marked-unread" : "read", null, now);
        db.Append(new InteractionChanged(interactionId, interaction.AccountId, unread ? "unread" : "read"), now, interaction.AccountId, interactionId);
        await db.SaveChangesAsync(ct);
    }
}
