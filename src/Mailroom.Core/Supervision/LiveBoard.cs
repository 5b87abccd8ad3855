using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Routing;
using Mailroom.Core.Search;
using Mailroom.Core.ServiceLevels;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Supervision;

/// <summary>
/// An agent's row on the board: <see cref="Open"/> is the work holding capacity, <see cref="SetAside"/> the open work that
/// does not (parked, or Pending where that frees the slot); <see cref="OpenOffers"/> counts only this account's offers. <see cref="PresenceSince"/> is null
/// for someone whose presence never changed since their account was created.
/// </summary>
public sealed record AgentLoad(int UserId, string DisplayName, Presence Presence, string? PauseReason, DateTime? PresenceSince, int Open, int Capacity,
    int OpenOffers, int SetAside);

/// <summary>What waits in one queue of the account: how many, and since when the longest-waiting customer waits.</summary>
public sealed record QueueWait(int? QueueId, string QueueName, int Waiting, DateTime? OldestSince);

/// <summary><see cref="WaitsBecause"/>: why each of <see cref="LongestWaiting"/> still waits (<see cref="WaitReasons"/>), by interaction.</summary>
public sealed record LiveCounters(int AccountId, int Open, int Unassigned, int Waiting, int Offering, IReadOnlyList<AgentLoad> Agents,
    IReadOnlyList<QueueWait> Queues, IReadOnlyList<InteractionRow> LongestWaiting, ServiceLevelBoard ServiceLevel,
    IReadOnlyDictionary<long, string> WaitsBecause);

/// <summary>
/// A supervisor's live view of one account: open, unassigned, waiting in queue (per queue, with the oldest wait),
/// the customers who have waited longest, each agent's state, time in state and load, and the service level today.
/// </summary>
public sealed class LiveBoard(MailroomDb db, TimeProvider time)
{
    /// <summary>How many of the longest-waiting interactions the board lists for the supervisor to act on.</summary>
    public const int LongestWaitingShown = 5;

    public async Task<LiveCounters> GetAsync(Actor actor, int accountId, CancellationToken ct)
    {
        actor.RequireSupervisor();
        await db.RequireAccountAsync(actor, accountId, ct);
        var open = db.Interactions.AsNoTracking().Where(i => i.AccountId == accountId && i.Status == InteractionStatus.Open);
        var tasks = db.RoutingTasks.Where(t => open.Any(i => i.Id == t.InteractionId));
        var inQueue = tasks.Where(t => t.State == RoutingState.Waiting || t.State == RoutingState.Offering);
        var holding = db.HoldingCapacity();
        var agents = await db.AccountMembers.AsNoTracking().Where(m => m.AccountId == accountId)
            .OrderBy(m => m.User!.DisplayName).ThenBy(m => m.UserId)
            .Select(m => new AgentLoad(m.UserId, m.User!.DisplayName, m.User.Presence, m.User.PauseReason,
                m.User.PresenceChangedAt == default ? null : (DateTime?)m.User.PresenceChangedAt,
                holding.Count(i => i.AssignedUserId == m.UserId),
                m.User.EmailCapacity,
                db.Offers.Count(o => o.UserId == m.UserId && o.State == OfferState.Open && open.Any(i => i.Id == o.InteractionId)),
                db.Interactions.Count(i => i.AssignedUserId == m.UserId && i.Status == InteractionStatus.Open) - holding.Count(i => i.AssignedUserId == m.UserId)))
            .ToListAsync(ct);
        var longest = await InteractionRows.Project(db, open.Where(i => inQueue.Any(t => t.InteractionId == i.Id)).LongestWaiting().Take(LongestWaitingShown))
            .ToListAsync(ct);
        var because = new Dictionary<long, string>();
        foreach (var row in longest)
        {
            because[row.Id] = await WaitReasons.WhyAsync(db, row.Id, ct);
        }

        return new LiveCounters(accountId,
            await open.CountAsync(ct),
            await open.CountAsync(i => i.AssignedUserId == null, ct),
            await tasks.CountAsync(t => t.State == RoutingState.Waiting, ct),
            await tasks.CountAsync(t => t.State == RoutingState.Offering, ct),
            agents,
            await QueuesAsync(accountId, inQueue, open, ct),
            longest,
            await ServiceLevelToday.ForAccountAsync(db, accountId, time.GetUtcNow().UtcDateTime, ct),
            because);
    }

    // Waiting since: the same moment the lists show (the customer's first mail, or their last unanswered one). A
    // task bound to no queue waits in every queue serving the account, so it counts in each of them.
    private async Task<List<QueueWait>> QueuesAsync(int accountId, IQueryable<RoutingTask> inQueue, IQueryable<Interaction> open, CancellationToken ct)
    {
        var waits = await (from t in inQueue
                           join i in open on t.InteractionId equals i.Id
                           group i by t.QueueId into g
                           select new { QueueId = g.Key, Waiting = g.Count(), Oldest = g.Min(i => i.FirstResponseAt == null ? (DateTime?)i.CreatedAt : i.LastMessageAt) })
            .ToListAsync(ct);
        var serving = await db.QueueAccounts.AsNoTracking().Where(qa => qa.AccountId == accountId).Select(qa => (int?)qa.QueueId).ToListAsync(ct);
        var spread = waits.SelectMany(w => w.QueueId is null && serving.Count > 0
            ? serving.Select(q => (QueueId: q, w.Waiting, w.Oldest))
            : [(QueueId: w.QueueId, w.Waiting, w.Oldest)]);
        var perQueue = spread.GroupBy(w => w.QueueId)
            .Select(g => (QueueId: g.Key, Waiting: g.Sum(w => w.Waiting), Oldest: g.Min(w => w.Oldest)))
            .ToList();
        var ids = perQueue.Where(w => w.QueueId != null).Select(w => w.QueueId!.Value).ToList();
        var names = await db.Queues.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, q => q.Name, ct);
        return perQueue.Select(w => new QueueWait(w.QueueId, w.QueueId is int id ? names.GetValueOrDefault(id, "a removed queue") : "No queue", w.Waiting, w.Oldest))
            .OrderBy(w => w.OldestSince).ToList();
    }
}
