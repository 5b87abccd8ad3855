using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

public sealed record OfferView(long Id, long InteractionId, int AccountId, int? QueueId, string Subject, OfferReason Reason, DateTime CreatedAt, DateTime DueAt);

/// <summary>The caller's open offers, e.g. after a page load; live ones arrive through the hub.</summary>
public sealed class MyOffers(MailroomDb db)
{
    // Ordered on the entity, before the projection: EF cannot order by a member of a constructed record.
    public Task<List<OfferView>> ListAsync(Actor actor, CancellationToken ct) =>
        (from o in db.Offers.AsNoTracking()
         where o.UserId == actor.UserId && o.State == OfferState.Open
         join i in db.Interactions on o.InteractionId equals i.Id
         orderby o.CreatedAt, o.Id
         select new OfferView(o.Id, o.InteractionId, i.AccountId, o.QueueId, i.Subject, o.Reason, o.CreatedAt, o.DueAt)).ToListAsync(ct);
}
