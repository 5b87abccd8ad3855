using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Core.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

/// <summary>
/// An agent takes an offered interaction. Of many concurrent accepts exactly one wins, decided by the database:
/// the assignment is a conditional update that only matches while nobody else owns the interaction.
/// </summary>
public sealed class AcceptOffer(MailroomDb db, TimeProvider time)
{
    public const string Taken = "This interaction was taken by somebody else.";

    public async Task<long> RunAsync(Actor actor, long offerId, CancellationToken ct)
    {
        var offer = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId && o.UserId == actor.UserId, ct)
            ?? throw new NotFoundException($"Offer {offerId}");
        var accountId = await db.Interactions.Where(i => i.Id == offer.InteractionId).Select(i => i.AccountId).FirstAsync(ct);
        var me = actor.UserId;
        var now = time.GetUtcNow().UtcDateTime;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The interaction row first: it is where concurrent accepts queue up (and, on PostgreSQL, the winner can
        // then withdraw the losers' offers without waiting for locks they hold).
        var won = await db.Interactions
            .Where(i => i.Id == offer.InteractionId && i.Status == InteractionStatus.Open && (i.AssignedUserId == null || i.AssignedUserId == me))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.AssignedUserId, me)
                .SetProperty(i => i.FirstAgentId, i => i.FirstAgentId ?? me)
                .SetProperty(i => i.QueueId, i => offer.QueueId ?? i.QueueId)
                .SetProperty(i => i.Version, i => i.Version + 1), ct);
        if (won == 0)
        {
            throw new ConflictException(Taken);
        }

        var stillOpen = await db.Offers.Where(o => o.Id == offerId && o.State == OfferState.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OfferState.Accepted), ct);
        if (stillOpen == 0)
        {
            // Expired or withdrawn meanwhile: the assignment above rolls back with the transaction.
            throw new ConflictException(await ClosedReasonAsync(offerId, ct));
        }

        await db.EndOpenOffersAsync(db.Offers.Where(o => o.InteractionId == offer.InteractionId), OfferState.Withdrawn, "taken", now, ct);
        await db.RoutingTasks.Where(t => t.InteractionId == offer.InteractionId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, RoutingState.Done).SetProperty(t => t.DueAt, (DateTime?)null)
                .SetProperty(t => t.Version, t => t.Version + 1), ct);
        await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastAssignedAt, now), ct);
        db.Record(offer.InteractionId, me, "assigned", offer.Reason switch
        {
            OfferReason.Sticky => "accepted as the customer's previous agent",
            OfferReason.Transfer => "accepted the transfer",
            _ => "accepted the offer",
        }, now);
        db.Append(new InteractionAssigned(offer.InteractionId, accountId, me, offer.QueueId), now, accountId, offer.InteractionId);
        await db.AcceptPendingTransferAsync(offer.InteractionId, accountId, me, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return offer.InteractionId;
    }

    private async Task<string> ClosedReasonAsync(long offerId, CancellationToken ct) =>
        await db.Offers.Where(o => o.Id == offerId).Select(o => o.State).FirstAsync(ct) switch
        {
            OfferState.Withdrawn => Taken,
            OfferState.Expired => "The offer expired.",
            var state => $"The offer is already {state.ToString().ToLowerInvariant()}.",
        };
}
