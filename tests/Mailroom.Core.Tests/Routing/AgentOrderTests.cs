using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Core.Tests.Routing;

public sealed class AgentOrderTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static DateTime MinutesAgo(int minutes) => Clock.GetUtcNow().UtcDateTime.AddMinutes(-minutes);

    // Agents 1..4: (priority, last assigned, open interactions).
    private static readonly Candidate[] Team =
    [
        new(1, 0, MinutesAgo(5), 3),
        new(2, 0, MinutesAgo(50), 1),
        new(3, 0, null, 2),
        new(4, 0, MinutesAgo(20), 1),
    ];

    public static TheoryData<RoutingStrategy, int?, int[]> Orders => new()
    {
        { RoutingStrategy.RingAll, null, [1, 2, 3, 4] },
        { RoutingStrategy.RoundRobinMemory, null, [1, 2, 3, 4] },
        { RoutingStrategy.RoundRobinMemory, 2, [3, 4, 1, 2] },
        { RoutingStrategy.RoundRobinMemory, 4, [1, 2, 3, 4] },
        { RoutingStrategy.LeastRecent, null, [3, 2, 4, 1] },
        { RoutingStrategy.FewestOpen, null, [2, 4, 3, 1] },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void Sort_EachStrategy_OrdersAgentsAsTheStrategySays(RoutingStrategy strategy, int? lastEngaged, int[] expected)
    {
        var order = AgentOrder.Sort(strategy, Team, lastEngaged, new Random(1));

        Assert.Equal(expected, order.Select(c => c.UserId));
    }

    [Theory]
    [InlineData(RoutingStrategy.RingAll)]
    [InlineData(RoutingStrategy.RoundRobinMemory)]
    [InlineData(RoutingStrategy.LeastRecent)]
    [InlineData(RoutingStrategy.FewestOpen)]
    [InlineData(RoutingStrategy.Random)]
    public void Sort_MixedPriorities_PutsLowerPriorityFirst(RoutingStrategy strategy)
    {
        Candidate[] team = [new(1, 2, null, 0), new(2, 0, MinutesAgo(1), 4), new(3, 1, null, 0), new(4, 0, MinutesAgo(2), 4)];

        var order = AgentOrder.Sort(strategy, team, null, new Random(3));

        Assert.Equal([0, 0, 1, 2], order.Select(c => c.Priority));
    }

    [Fact]
    public void Sort_Random_VisitsEveryAgentFirstSometimes()
    {
        var random = new Random(11);
        var firsts = Enumerable.Range(0, 200).Select(_ => AgentOrder.Sort(RoutingStrategy.Random, Team, null, random)[0].UserId).ToHashSet();

        Assert.Equal([1, 2, 3, 4], firsts.Order());
    }

    [Theory]
    [InlineData(RoutingStrategy.RingAll, new[] { 2, 4 })]
    [InlineData(RoutingStrategy.LeastRecent, new[] { 4 })]
    public void PickForOffer_RingAllTakesTheBestTier_OthersOneAgent(RoutingStrategy strategy, int[] expected)
    {
        Candidate[] team = [new(1, 1, null, 0), new(2, 0, MinutesAgo(1), 0), new(4, 0, MinutesAgo(9), 0)];

        var picked = AgentOrder.PickForOffer(strategy, AgentOrder.Sort(strategy, team, null, new Random(1)));

        Assert.Equal(expected, picked.Select(c => c.UserId).Order());
    }
}
