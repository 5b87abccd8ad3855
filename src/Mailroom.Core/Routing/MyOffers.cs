using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

/// <summary>An offer as the agent decides on it: whose mail, in which account, how long the customer has waited.</summary>
public sealed record OfferView(long Id, long InteractionId, int AccountId, int? QueueId, string Subject, OfferReason Reason, DateTime CreatedAt, DateTime DueAt,
    string AccountKey, string? Customer, DateTime WaitingSince);

/// <summary>The caller's open offers, e.g. after a page load; live ones arrive through the hub.</summary>
public sealed class MyOffers(MailroomDb db)
{
    // Ordered on the entity, before the projection: EF cannot order by a member of a constructed record.
    public Task<List<OfferView>> ListAsync(Actor actor, CancellationToken ct) =>
        (from o in db.Offers.AsNoTracking()
         where o.UserId == actor.UserId && o.State == OfferState.Open
         join i in db.Interactions on o.InteractionId equals i.Id
         join a in db.Accounts on i.AccountId equals a.Id
         join c in db.Contacts on i.ContactId equals c.Id into contacts
         from c in contacts.DefaultIfEmpty()
         orderby o.CreatedAt, o.Id
         select new OfferView(o.Id, o.InteractionId, i.AccountId, o.QueueId, i.Subject, o.Reason, o.CreatedAt, o.DueAt, a.Key,
             c == null
                 ? db.Messages.Where(m => m.InteractionId == i.Id).OrderBy(m => m.Id).Select(m => m.FromName ?? m.From).FirstOrDefault()
                 : ((c.FirstName ?? "") + " " + (c.LastName ?? "")).Trim() == "" ? c.Email : ((c.FirstName ?? "") + " " + (c.LastName ?? "")).Trim(),
             i.LastMessageAt ?? i.CreatedAt)).ToListAsync(ct);
}
