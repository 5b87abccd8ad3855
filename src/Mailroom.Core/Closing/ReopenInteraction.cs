using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Closing;

public sealed record ReopenResult(long InteractionId, int? AssignedUserId, bool OpenComposer);

/// <summary>
/// Reopens a closed interaction (from 3.44.0). An administrator or supervisor leaves it unassigned and
/// unread for any agent to pick; an agent gets it assigned and the composer opens. Either way it is flagged
/// as reopened; its "continued in" link (if the customer wrote meanwhile) stays.
/// </summary>
public sealed class ReopenInteraction(MailroomDb db, TimeProvider time)
{
    public async Task<ReopenResult> RunAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        if (interaction.Status != InteractionStatus.Closed)
        {
            throw new ConflictException($"Interaction {interactionId} is open; only a closed interaction can be reopened.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var byAgent = !actor.IsSupervisorOrAdmin;
        interaction.Status = InteractionStatus.Open;
        interaction.Reopened = true;
        interaction.ClosedAt = null;
        interaction.ClosedUnmanaged = false;
        interaction.DispositionId = null;
        interaction.AssignedUserId = byAgent ? actor.UserId : null;
        interaction.UnreadCount = byAgent ? 0 : Math.Max(1, interaction.UnreadCount);
        interaction.LastActivityAt = now;
        interaction.Version++;
        db.Record(interactionId, actor.UserId, "reopened", byAgent ? "assigned to the agent who reopened it" : "unassigned and unread", now);
        db.Append(new InteractionChanged(interactionId, interaction.AccountId, "reopened"), now, interaction.AccountId, interactionId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Somebody else changed this interaction at the same moment; reload it and try again.");
        }

        return new ReopenResult(interactionId, interaction.AssignedUserId, byAgent);
    }
}
