using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Parking;
using Mailroom.Core.Routing;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Transfers;

/// <summary>
/// Someone takes an interaction from a list: an agent picks an unassigned one (how an account transfer is
/// picked up), a supervisor assigns one from the Unassigned view to any agent of its account. Like an
/// accept, the database decides: the assignment only matches while the interaction is still as it was seen.
/// </summary>
public sealed class AssignInteraction(MailroomDb db, TimeProvider time)
{
    public async Task RunAsync(Actor actor, long interactionId, int? userId, CancellationToken ct)
    {
        var interaction = await db.Interactions.AsNoTracking().Where(i => i.Id == interactionId && db.VisibleAccountIds(actor).Contains(i.AccountId))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException($"Interaction {interactionId}");
        var to = userId ?? actor.UserId;
        if (to != actor.UserId || interaction.AssignedUserId is not null)
        {
            actor.RequireSupervisor();
        }

        if (interaction.Status != InteractionStatus.Open)
        {
            throw new ConflictException("Only open interactions can be assigned.");
        }

        var toName = await db.AccountMembers.Where(m => m.AccountId == interaction.AccountId && m.UserId == to && m.User!.IsActive)
            .Select(m => m.User!.DisplayName).FirstOrDefaultAsync(ct)
            ?? throw ValidationFailedException.For("userId", $"user {to} is not an active member of this interaction's account.");

        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var won = await db.Interactions.Where(i => i.Id == interactionId && i.Version == interaction.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AssignedUserId, to).SetProperty(i => i.FirstAgentId, i => i.FirstAgentId ?? to)
                .SetProperty(i => i.ParkedAt, i => i.AssignedUserId == to ? i.ParkedAt : null)
                .SetProperty(i => i.ParkedUntil, i => i.AssignedUserId == to ? i.ParkedUntil : null)
                .SetProperty(i => i.Version, i => i.Version + 1), ct);
        if (won == 0)
        {
            throw new ConflictException("This interaction changed meanwhile (somebody else may have taken it); reload it and try again.");
        }

        if (interaction.IsParked() && interaction.AssignedUserId != to)
        {
            // Parking was the previous owner's: the new one gets it as active work.
            db.RecordUnparked(interaction, UnparkReason.OwnerChanged, actor.UserId, now);
        }

        await db.StopRoutingAsync(interactionId, "taken", now, ct);
        await db.AcceptPendingTransferAsync(interactionId, interaction.AccountId, to, now, ct);
        var how = to != actor.UserId ? $"to {toName}" : interaction.AssignedUserId is null ? "picked from the list" : "taken over";
        db.Record(interactionId, actor.UserId, "assigned", how, now);
        db.Append(new InteractionAssigned(interactionId, interaction.AccountId, to, interaction.QueueId), now, interaction.AccountId, interactionId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
