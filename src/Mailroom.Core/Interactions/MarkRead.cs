using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Interactions;

/// <summary>
/// Opening an interaction reads it (003: unread ones are bold until opened). Only the person working it, or
/// anyone while nobody is assigned, clears the unread mark: a supervisor looking over a shoulder must not make
/// a customer's new message look handled to the agent who owns it.
/// </summary>
public sealed class MarkRead(MailroomDb db, TimeProvider time)
{
    public async Task<bool> RunAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        if (interaction.UnreadCount == 0 || (interaction.AssignedUserId is int owner && owner != actor.UserId))
        {
            return false;
        }

        interaction.UnreadCount = 0;
        interaction.Version++;
        db.Append(new InteractionChanged(interaction.Id, interaction.AccountId, "read"), time.GetUtcNow().UtcDateTime, interaction.AccountId, interaction.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed it meanwhile (a new message, a transfer); the next open reads it again.
            return false;
        }

        return true;
    }
}
