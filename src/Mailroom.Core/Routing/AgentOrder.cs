using Mailroom.Core.Queues;

namespace Mailroom.Core.Routing;

/// <summary>An eligible agent with what the strategies sort on.</summary>
public sealed record Candidate(int UserId, int Priority, DateTime? LastAssignedAt, int OpenCount);

/// <summary>
/// The order in which a queue's strategy offers to eligible agents. Priority comes first (lower first); the
/// strategy orders within a priority. Pure, so each strategy is tested as a table.
/// </summary>
public static class AgentOrder
{
    public static IReadOnlyList<Candidate> Sort(RoutingStrategy strategy, IEnumerable<Candidate> candidates, int? lastEngagedUserId, Random random)
    {
        var tiers = candidates.GroupBy(c => c.Priority).OrderBy(g => g.Key);
        return tiers.SelectMany(tier => strategy switch
        {
            // "rrmemory": the agents after the one engaged last time, then around from the start.
            RoutingStrategy.RoundRobinMemory => tier.OrderBy(c => lastEngagedUserId is { } last && c.UserId <= last ? 1 : 0).ThenBy(c => c.UserId),
            RoutingStrategy.LeastRecent => tier.OrderBy(c => c.LastAssignedAt ?? DateTime.MinValue).ThenBy(c => c.UserId),
            RoutingStrategy.FewestOpen => tier.OrderBy(c => c.OpenCount).ThenBy(c => c.LastAssignedAt ?? DateTime.MinValue).ThenBy(c => c.UserId),
            RoutingStrategy.Random => tier.OrderBy(_ => random.Next()),
            _ => tier.OrderBy(c => c.UserId),
        }).ToList();
    }

    /// <summary>Who gets the offer now: ring-all rings the whole best tier at once, the others one agent.</summary>
    public static IReadOnlyList<Candidate> PickForOffer(RoutingStrategy strategy, IReadOnlyList<Candidate> sorted) =>
        sorted.Count == 0 ? []
        : strategy == RoutingStrategy.RingAll ? sorted.Where(c => c.Priority == sorted[0].Priority).ToList()
        : [sorted[0]];
}
