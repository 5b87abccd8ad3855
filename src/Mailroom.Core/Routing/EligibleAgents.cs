using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

/// <summary>
/// Agents who may be offered an interaction of an account in a queue: online (not paused), member of the queue
/// and of the account, and under capacity. Open offers count as load, so ring-all never promises an agent more
/// interactions than they can take.
/// </summary>
public static class EligibleAgents
{
    public static async Task<List<Candidate>> FindAsync(MailroomDb db, int queueId, int accountId, long interactionId, CancellationToken ct)
    {
        var rows = await db.QueueMembers.AsNoTracking()
            .Where(m => m.QueueId == queueId && m.User!.IsActive && m.User.Presence == Presence.Online)
            .Where(m => db.AccountMembers.Any(am => am.AccountId == accountId && am.UserId == m.UserId))
            .Select(m => new
            {
                m.UserId,
                m.Priority,
                m.MaxConcurrent,
                m.User!.EmailCapacity,
                m.User.LastAssignedAt,
                Open = db.Interactions.Count(i => i.AssignedUserId == m.UserId && i.Status == InteractionStatus.Open),
                OpenInQueue = db.Interactions.Count(i => i.AssignedUserId == m.UserId && i.Status == InteractionStatus.Open && i.QueueId == queueId),
                Offers = db.Offers.Count(o => o.UserId == m.UserId && o.State == OfferState.Open && o.InteractionId != interactionId),
            })
            .ToListAsync(ct);
        return rows
            .Where(r => r.Open + r.Offers < r.EmailCapacity && (r.MaxConcurrent is null || r.OpenInQueue + r.Offers < r.MaxConcurrent))
            .Select(r => new Candidate(r.UserId, r.Priority, r.LastAssignedAt, r.Open))
            .ToList();
    }
}
