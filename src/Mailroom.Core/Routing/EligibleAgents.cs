using Mailroom.Core.Interactions;
using Mailroom.Core.Skills;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

/// <summary>An agent's load: interactions holding capacity (<see cref="ActiveWork"/>; all, and in one queue) and open offers.</summary>
public sealed record AgentLoadCount(int Open, int OpenInQueue, int Offers);

/// <summary>
/// Agents who may be offered an interaction of an account in a queue: online (not paused), member of the queue
/// and of the account, holding every skill it needs at its level, and under capacity. Open offers count as load, so ring-all never promises an agent more
/// interactions than they can take.
/// </summary>
public static class EligibleAgents
{
    public static async Task<List<Candidate>> FindAsync(MailroomDb db, int queueId, int accountId, long interactionId, IReadOnlyList<SkillNeed> needs,
        CancellationToken ct)
    {
        var members = await db.QueueMembers.AsNoTracking()
            .Where(m => m.QueueId == queueId && m.User!.IsActive && m.User.Presence == Presence.Online)
            .Where(m => db.AccountMembers.Any(am => am.AccountId == accountId && am.UserId == m.UserId))
            .Having(db, needs)
            .Select(m => new { m.UserId, m.Priority, m.MaxConcurrent, m.User!.EmailCapacity, m.User.LastAssignedAt })
            .ToListAsync(ct);
        var loads = await LoadsAsync(db, db.QueueMembers.Where(m => m.QueueId == queueId).Select(m => m.UserId), queueId, interactionId, ct);
        return members
            .Select(m => (Member: m, Load: loads.GetValueOrDefault(m.UserId, new AgentLoadCount(0, 0, 0))))
            .Where(x => x.Load.Open + x.Load.Offers < x.Member.EmailCapacity
                && (x.Member.MaxConcurrent is null || x.Load.OpenInQueue + x.Load.Offers < x.Member.MaxConcurrent))
            .Select(x => new Candidate(x.Member.UserId, x.Member.Priority, x.Member.LastAssignedAt, x.Load.Open))
            .ToList();
    }

    /// <summary>Whether one agent can take one more interaction (Agent steps and the sticky owner).</summary>
    public static async Task<bool> HasRoomAsync(MailroomDb db, User agent, long interactionId, CancellationToken ct)
    {
        var load = (await LoadsAsync(db, db.Users.Where(u => u.Id == agent.Id).Select(u => u.Id), null, interactionId, ct))
            .GetValueOrDefault(agent.Id, new AgentLoadCount(0, 0, 0));
        return load.Open + load.Offers < agent.EmailCapacity;
    }

    /// <summary>
    /// The loads of many agents in two grouped queries. Per-agent subqueries cost one lookup per member per
    /// count (1,500 for a 500-agent queue) on every routing pass; that was the routing bottleneck under load.
    /// The agents are given as a query (a queue's members), not a list: 500 ids as parameters cost more to
    /// send and parse than the counting. The interaction being routed never counts against its own agent.
    /// Agents without load are absent from the answer.
    /// </summary>
    public static async Task<Dictionary<int, AgentLoadCount>> LoadsAsync(MailroomDb db, IQueryable<int> userIds, int? queueId, long interactionId, CancellationToken ct)
    {
        var open = await db.HoldingCapacity().AsNoTracking()
            .Where(i => i.Id != interactionId && userIds.Contains(i.AssignedUserId!.Value))
            .GroupBy(i => i.AssignedUserId!.Value)
            .Select(g => new { UserId = g.Key, Open = g.Count(), InQueue = g.Count(i => i.QueueId == queueId) })
            .ToDictionaryAsync(x => x.UserId, ct);
        var offers = await db.Offers.AsNoTracking()
            .Where(o => o.State == OfferState.Open && o.InteractionId != interactionId && userIds.Contains(o.UserId))
            .GroupBy(o => o.UserId)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, ct);
        return open.Keys.Union(offers.Keys).ToDictionary(id => id, id => new AgentLoadCount(
            open.TryGetValue(id, out var o) ? o.Open : 0,
            o?.InQueue ?? 0,
            offers.GetValueOrDefault(id)));
    }
}
