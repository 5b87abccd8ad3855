using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

public sealed record OfferView(long Id, long InteractionId, int AccountId, int? QueueId, string Subject, OfferReason Reason, DateTime CreatedAt, DateTime DueAt);

/// <summary>The caller's open offers, e.g. after a page load; live ones arrive through the hub.</summary>
public sealed class MyOffers(MailroomDb db)
{
    public Task<List<OfferView>> ListAsync(Actor actor, CancellationToken ct) =>
        db.Offers.AsNoTracking().Where(o => o.UserId == actor.UserId && o.State == OfferState.Open)
            .Join(db.Interactions, o => o.InteractionId, i => i.Id, (o, i) => new { Offer = o, i.AccountId, i.Subject })
            .OrderBy(x => x.Offer.CreatedAt)
            .Select(x => new OfferView(x.Offer.Id, x.Offer.InteractionId, x.AccountId, x.Offer.QueueId, x.Subject, x.Offer.Reason, x.Offer.CreatedAt, x.Offer.DueAt))
            .ToListAsync(ct);
}
