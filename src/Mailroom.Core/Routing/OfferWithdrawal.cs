using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

internal static class OfferWithdrawal
{
    /// <summary>
    /// Stop routing: the interaction's open offers are withdrawn (each agent told <paramref name="why"/>) and its
    /// routing task ends, for whatever takes it out of routing (an assignment, a transfer to a named agent or
    /// another account, parking). Inside the caller's transaction, like <see cref="EndOpenOffersAsync"/>.
    /// </summary>
    public static async Task StopRoutingAsync(this MailroomDb db, long interactionId, string why, DateTime now, CancellationToken ct)
    {
        await db.EndOpenOffersAsync(db.Offers.Where(o => o.InteractionId == interactionId), OfferState.Withdrawn, why, now, ct);
        await db.RoutingTasks.Where(t => t.InteractionId == interactionId).ExecuteUpdateAsync(s => s.SetProperty(t => t.State, RoutingState.Done)
            .SetProperty(t => t.DueAt, (DateTime?)null).SetProperty(t => t.Version, t => t.Version + 1), ct);
    }

    /// <summary>
    /// Ends the chosen open offers with a conditional update (an offer accepted meanwhile stays accepted) and
    /// tells each agent why. The caller saves, inside its transaction, so the events and the change commit together.
    /// </summary>
    public static async Task<int> EndOpenOffersAsync(this MailroomDb db, IQueryable<Offer> which, OfferState to, string why, DateTime now, CancellationToken ct)
    {
        var open = await which.Where(o => o.State == OfferState.Open).Select(o => new { o.Id, o.InteractionId, o.UserId }).ToListAsync(ct);
        var ended = 0;
        foreach (var o in open)
        {
            if (await db.Offers.Where(x => x.Id == o.Id && x.State == OfferState.Open).ExecuteUpdateAsync(s => s.SetProperty(x => x.State, to), ct) == 1)
            {
                db.Append(new OfferWithdrawn(o.Id, o.InteractionId, o.UserId, why), now, interactionId: o.InteractionId, userId: o.UserId);
                ended++;
            }
        }

        return ended;
    }
}
