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
/// Moves an interaction to another email account: same id and creation date, previous account and
/// queue remembered, unread and unassigned in the new account, picked from its list rather than routed.
/// </summary>
public sealed class TransferToAccount(MailroomDb db, TimeProvider time, AccountTransferNotice notice)
{
    /// <param name="expectedVersion">The version the actor was looking at; when it changed meanwhile (another
    /// transfer, a new message), the transfer is refused with 409 instead of acting on a state nobody saw.</param>
    public async Task<TransferResult> RunAsync(Actor actor, long interactionId, int targetAccountId, int? expectedVersion, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        if (expectedVersion is int seen && seen != interaction.Version)
        {
            throw new ConflictException("This interaction changed since you opened it (somebody else may have transferred it); reload it and try again.");
        }

        var source = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == interaction.AccountId, ct);
        if (!source.Transfer.AccountTransferEnabled)
        {
            throw new ConflictException($"Account transfer is not enabled on '{source.Key}'; an administrator can enable it in the account's Transfer settings.");
        }

        if (interaction.Status != InteractionStatus.Open)
        {
            throw new ConflictException("Only open interactions can be transferred; reopen it first.");
        }

        if (targetAccountId == source.Id)
        {
            throw ValidationFailedException.For("accountId", "the interaction is already in this account.");
        }

        // No transfer into an account the actor cannot see: same answer as for one that does not exist.
        var target = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == targetAccountId && a.Active, ct);
        if (target is null || !await db.CanSeeAccountAsync(actor, target.Id, ct))
        {
            throw ValidationFailedException.For("accountId", $"account {targetAccountId} does not exist, is not active, or is not one of yours.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var lastCustomerMessageId = await db.Messages
            .Where(m => m.InteractionId == interactionId && m.Direction == MessageDirection.Incoming)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Offers made in the old account end now: nobody there may accept it any more.
        await db.StopRoutingAsync(interactionId, "transferred", now, ct);
        db.NewRecord(actor, interaction, TransferKind.Account, null, null, TransferOutcome.Completed, now, target.Id);
        interaction.TransferAccountId = source.Id;
        interaction.TransferMailQueueId = interaction.QueueId;
        interaction.TransferredAt = now;
        interaction.AccountId = target.Id;
        interaction.QueueId = null;
        db.EndParking(interaction, UnparkReason.OwnerChanged, actor.UserId, now);
        interaction.AssignedUserId = null;
        interaction.UnreadCount = Math.Max(1, interaction.UnreadCount);
        db.Record(interactionId, actor.UserId, "transferred-to-account", $"{source.Key} → {target.Key}", now);
        var moved = new InteractionTransferred(interactionId, "account", source.Id, target.Id, null, null);
        db.Append(moved, now, source.Id, interactionId);
        db.Append(moved, now, target.Id, interactionId);
        await db.SaveTransferAsync(ct);
        await tx.CommitAsync(ct);

        var result = new TransferResult(interactionId, source, target, lastCustomerMessageId);
        // After the transfer's own commit: a failing notice must not undo the transfer; it is queued durably
        // in the outbox like any reply, so an SMTP outage only delays it.
        await notice.SendIfEnabledAsync(result, ct);
        return result;
    }
}

/// <summary>What a transfer did, for the automatic email and the caller.</summary>
public sealed record TransferResult(long InteractionId, EmailAccount From, EmailAccount To, long? LastCustomerMessageId);
