using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

internal static class OfferWithdrawal
{
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
