using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

/// <summary>An agent declines an offer; the interaction goes on to the next eligible agent at once.</summary>
public sealed class RejectOffer(MailroomDb db, Router router, RoutingGate gate, TimeProvider time)
{
    public async Task RunAsync(Actor actor, long offerId, CancellationToken ct)
    {
        var offer = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId && o.UserId == actor.UserId, ct)
            ?? throw new NotFoundException($"Offer {offerId}");
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var ended = await db.Offers.Where(o => o.Id == offerId && o.State == OfferState.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OfferState.Rejected), ct);
            if (ended == 0)
            {
                throw new ConflictException("The offer is no longer open.");
            }

            // The agent's other tabs drop the offer too.
            db.Append(new OfferWithdrawn(offerId, offer.InteractionId, actor.UserId, "rejected"), time.GetUtcNow().UtcDateTime,
                interactionId: offer.InteractionId, userId: actor.UserId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        using (await gate.EnterAsync(ct))
        {
            try
            {
                await router.ContinueAsync(offer.InteractionId, ct);
            }
            catch (DbUpdateException)
            {
                // Another pass moved the task on meanwhile; the reject is recorded either way.
                db.ChangeTracker.Clear();
            }
        }
    }
}
