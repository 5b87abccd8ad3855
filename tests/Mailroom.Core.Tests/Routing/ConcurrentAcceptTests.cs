using Mailroom.Core.Common;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Tests.Routing;

public abstract class ConcurrentAcceptTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Accept_FiftyAgentsAtOnce_ExactlyOneGetsTheInteraction()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var agents = await h.AddAgentsAsync(50);
        await h.AddQueueAsync(RoutingStrategy.RingAll, agents);
        var id = await h.NewInteractionAsync();
        var offers = await h.OffersAsync(id);
        Assert.Equal(50, offers.Count);

        using var start = new SemaphoreSlim(0);
        var attempts = offers.Select(async o =>
        {
            await using var scope = h.Scope();
            var accept = scope.ServiceProvider.GetRequiredService<AcceptOffer>();
            await start.WaitAsync();
            try
            {
                await accept.RunAsync(new Actor(o.UserId, Role.Agent), o.Id, default);
                return (o.UserId, Won: true);
            }
            catch (ConflictException)
            {
                return (o.UserId, Won: false);
            }
        }).ToList();
        start.Release(50);
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Won).UserId;
        Assert.Equal(winner, (await h.InteractionAsync(id)).AssignedUserId);
        var all = await h.OffersAsync(id, state: null);
        Assert.Equal(winner, Assert.Single(all, o => o.State == OfferState.Accepted).UserId);
        Assert.Equal(49, all.Count(o => o.State == OfferState.Withdrawn));
        Assert.Single(await h.EventsAsync(nameof(InteractionAssigned)));
    }

    public sealed class OnSqlite() : ConcurrentAcceptTests(DatabaseProvider.Sqlite);

    [NeedsServer(NeedsServerAttribute.PostgreSql)]
    public sealed class OnPostgres() : ConcurrentAcceptTests(DatabaseProvider.Postgres);
}
