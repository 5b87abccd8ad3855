using Mailroom.Core.Queues;

namespace Mailroom.Server.Components.Pages.Admin;

/// <summary>How an administrator reads a routing strategy: what it does, not the name of the enum member.</summary>
public static class StrategyWords
{
    public static string Of(RoutingStrategy strategy) => strategy switch
    {
        RoutingStrategy.RingAll => "Ring all — every available agent at once, first to accept",
        RoutingStrategy.RoundRobinMemory => "Round robin — the next agent after the last one",
        RoutingStrategy.LeastRecent => "Longest idle — the agent who got work least recently",
        RoutingStrategy.FewestOpen => "Fewest open — the agent with the least work in hand",
        RoutingStrategy.Random => "Random — any available agent",
        _ => strategy.ToString(),
    };

    /// <summary>The short name for a table cell.</summary>
    public static string Short(RoutingStrategy strategy) => Of(strategy).Split(" — ")[0];
}
