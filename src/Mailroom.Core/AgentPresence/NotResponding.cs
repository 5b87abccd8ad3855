using Mailroom.Core.Routing;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mailroom.Core.AgentPresence;

/// <summary>
/// An agent who lets several offers in a row ring out is not at the desk: they are paused ("Not responding"),
/// so the next customers go to someone who answers instead of each waiting out this agent's timeout. Only
/// offers since the agent last changed presence count, so coming back online starts afresh.
/// </summary>
public sealed class NotResponding(MailroomDb db, IOptions<PresenceOptions> options)
{
    public const string Reason = "Not responding";

    /// <summary>Called after an offer of <paramref name="userId"/> expired; the caller saves.</summary>
    public async Task<bool> PauseIfMissedAsync(int userId, DateTime now, CancellationToken ct)
    {
        var limit = options.Value.MissedOffersBeforePause;
        var user = limit > 0 ? await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.Presence == Presence.Online, ct) : null;
        if (user is null)
        {
            return false;
        }

        // Withdrawn offers (someone else took it, a transfer) say nothing about this agent; open ones are not over.
        var last = await db.Offers.Where(o => o.UserId == userId && o.CreatedAt >= user.PresenceChangedAt
                && o.State != OfferState.Open && o.State != OfferState.Withdrawn)
            .OrderByDescending(o => o.Id).Take(limit).Select(o => o.State).ToListAsync(ct);
        if (last.Count < limit || last.Any(s => s != OfferState.Expired))
        {
            return false;
        }

        SetPresence.Apply(db, user, Presence.Paused, Reason, now);
        return true;
    }
}
