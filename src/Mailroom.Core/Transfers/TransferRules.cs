using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Parking;
using Mailroom.Core.Routing;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Transfers;

/// <summary>The checks every transfer to a queue, an agent or a group shares, and the bookkeeping they all do.</summary>
internal static class TransferRules
{
    /// <summary>
    /// Loads the interaction (tracked; 404 outside the actor's accounts) when it may be moved: open, with at least
    /// one customer message, unchanged since the actor saw it, and either unassigned, the actor's own, or moved
    /// by a supervisor.
    /// </summary>
    public static async Task<(Interaction Interaction, EmailAccount Account)> RequireMovableAsync(
        this MailroomDb db, Actor actor, long interactionId, int? expectedVersion, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        if (expectedVersion is int seen && seen != interaction.Version)
        {
            throw new ConflictException("This interaction changed since you opened it (somebody else may have transferred it); reload it and try again.");
        }

        if (interaction.AssignedUserId is { } owner && owner != actor.UserId && !actor.IsSupervisorOrAdmin)
        {
            throw new ForbiddenException("Only the agent working on this interaction or a supervisor may transfer it.");
        }

        if (interaction.Status != InteractionStatus.Open)
        {
            throw new TransferRefusedException(TransferRefusal.NotOpen, "Only open interactions can be transferred; reopen it first.");
        }

        if (!await db.Messages.AnyAsync(m => m.InteractionId == interactionId && m.Direction == MessageDirection.Incoming, ct))
        {
            throw new TransferRefusedException(TransferRefusal.NoInboundMessage, "Only interactions with at least one customer message can be transferred.");
        }

        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == interaction.AccountId, ct);
        return (interaction, account);
    }

    /// <summary>A target agent must be a member of the account and online (not paused, not offline).</summary>
    public static async Task<User> RequireAvailableAgentAsync(this MailroomDb db, int userId, int accountId, string field, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.IsActive, ct)
            ?? throw ValidationFailedException.For(field, $"user {userId} does not exist or is not active.");
        if (!await db.AccountMembers.AnyAsync(m => m.AccountId == accountId && m.UserId == userId, ct))
        {
            throw new TransferRefusedException(TransferRefusal.AgentNotAllowedOnAccount,
                $"{user.DisplayName} is not allowed on this interaction's account; an administrator can add them to it.");
        }

        if (user.Presence != Presence.Online)
        {
            throw new TransferRefusedException(TransferRefusal.AgentNotAvailable,
                $"{user.DisplayName} is not available ({(user.Presence == Presence.Paused ? "paused: " + user.PauseReason : "offline")}).");
        }

        return user;
    }

    /// <summary>
    /// Hands the interaction to routing for an offered transfer: unassigned, its open offers withdrawn, its routing
    /// task restarted on <paramref name="step"/> until <paramref name="dueAt"/>, and a pending record kept.
    /// Nothing is saved here: the caller's SaveChanges commits it all with the events.
    /// </summary>
    public static async Task<TransferRecord> BeginOfferedAsync(this MailroomDb db, Actor actor, Interaction interaction, TransferKind kind,
        RoutingStep step, int? queueId, int? userId, int? returnTo, DateTime? dueAt, DateTime now, CancellationToken ct)
    {
        var record = db.NewRecord(actor, interaction, kind, queueId, userId, TransferOutcome.Pending, now);
        await db.EndOpenOffersAsync(db.Offers.Where(o => o.InteractionId == interaction.Id), OfferState.Withdrawn, "transferred", now, ct);
        var task = await db.RoutingTasks.FirstOrDefaultAsync(t => t.InteractionId == interaction.Id, ct);
        if (task is null)
        {
            task = new RoutingTask { InteractionId = interaction.Id, CreatedAt = now };
            db.RoutingTasks.Add(task);
        }

        (task.Step, task.State, task.QueueId, task.StickyUserId, task.ReturnToUserId, task.DueAt, task.PlanPosition) =
            (step, RoutingState.Waiting, queueId, userId, returnTo, dueAt, null);
        task.Round++;
        task.Version++;
        task.UpdatedAt = now;
        db.EndParking(interaction, UnparkReason.OwnerChanged, actor.PersonId, now);
        interaction.AssignedUserId = null;
        return record;
    }

    /// <summary>Adds the hop's record and moves the interaction's version on, so a concurrent transfer collides.</summary>
    public static TransferRecord NewRecord(this MailroomDb db, Actor actor, Interaction interaction, TransferKind kind, int? toQueueId, int? toUserId,
        TransferOutcome outcome, DateTime now, int? toAccountId = null)
    {
        var record = new TransferRecord
        {
            InteractionId = interaction.Id,
            Kind = kind,
            ByUserId = actor.UserId,
            FromUserId = interaction.AssignedUserId,
            FromAccountId = interaction.AccountId,
            FromQueueId = interaction.QueueId,
            ToAccountId = toAccountId ?? interaction.AccountId,
            ToQueueId = toQueueId,
            ToUserId = toUserId,
            Outcome = outcome,
            At = now,
            EndedAt = outcome == TransferOutcome.Completed ? now : null,
        };
        db.TransferRecords.Add(record);
        interaction.LastActivityAt = now;
        interaction.Version++;
        return record;
    }

    /// <summary>Saves the transfer; a concurrent change of the same interaction (another transfer, an accept) is a 409.</summary>
    public static async Task SaveTransferAsync(this MailroomDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Somebody else changed this interaction at the same moment; reload it and try again.");
        }
    }

    /// <summary>A pending transfer (queue, agent, group without a chosen member) ends when someone takes it: the sender sees who.</summary>
    public static async Task AcceptPendingTransferAsync(this MailroomDb db, long interactionId, int accountId, int userId, DateTime now, CancellationToken ct)
    {
        var pending = db.TransferRecords.Where(r => r.InteractionId == interactionId && r.Outcome == TransferOutcome.Pending);
        var kind = await pending.OrderByDescending(r => r.Id).Select(r => (TransferKind?)r.Kind).FirstOrDefaultAsync(ct);
        if (kind is null)
        {
            return;
        }

        await pending.ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, TransferOutcome.Accepted).SetProperty(r => r.ToUserId, userId)
            .SetProperty(r => r.EndedAt, now), ct);
        db.Append(new TransferEnded(interactionId, accountId, kind.Value.ToString().ToLowerInvariant(), "accepted", userId), now, accountId, interactionId);
    }
}
