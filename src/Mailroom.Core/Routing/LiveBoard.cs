using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

public sealed record AgentLoad(int UserId, string DisplayName, Presence Presence, string? PauseReason, int Open, int Capacity, int OpenOffers);

public sealed record LiveCounters(int AccountId, int Open, int Unassigned, int Waiting, int Offering, IReadOnlyList<AgentLoad> Agents);

/// <summary>A supervisor's live view of one account: open, unassigned, waiting in queue, each agent's load.</summary>
public sealed class LiveBoard(MailroomDb db)
{
    public async Task<LiveCounters> GetAsync(Actor actor, int accountId, CancellationToken ct)
    {
        actor.RequireSupervisor();
        await db.RequireAccountAsync(actor, accountId, ct);
        var open = db.Interactions.Where(i => i.AccountId == accountId && i.Status == InteractionStatus.Open);
        var tasks = db.RoutingTasks.Where(t => open.Any(i => i.Id == t.InteractionId));
        var agents = await db.AccountMembers.AsNoTracking().Where(m => m.AccountId == accountId)
            .OrderBy(m => m.User!.DisplayName).ThenBy(m => m.UserId)
            .Select(m => new AgentLoad(m.UserId, m.User!.DisplayName, m.User.Presence, m.User.PauseReason,
                db.Interactions.Count(i => i.AssignedUserId == m.UserId && i.Status == InteractionStatus.Open),
                m.User.EmailCapacity,
                db.Offers.Count(o => o.UserId == m.UserId && o.State == OfferState.Open)))
            .ToListAsync(ct);
        return new LiveCounters(accountId,
            await open.CountAsync(ct),
            await open.CountAsync(i => i.AssignedUserId == null, ct),
            await tasks.CountAsync(t => t.State == RoutingState.Waiting, ct),
            await tasks.CountAsync(t => t.State == RoutingState.Offering, ct),
            agents);
    }
}
