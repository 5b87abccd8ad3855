using Mailroom.Core.AgentPresence;
using Mailroom.Core.Queues;
using Mailroom.Core.Storage;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Tests.AgentPresence;

/// <summary>Presence that follows what the agent does: missed offers pause them, a lost connection takes them offline.</summary>
public sealed class PresenceTests
{
    [Fact]
    public async Task OfferExpired_ThirdInARow_AgentIsPausedAsNotRespondingAndTheOffersMoveOn()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var absent = (await h.AddAgentsAsync(1))[0];
        var colleague = (await h.AddAgentsAsync(1, Presence.Offline))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [absent, colleague], timeoutSeconds: 30);
        List<long> ids = [await h.NewInteractionAsync(), await h.NewInteractionAsync(), await h.NewInteractionAsync()];
        await h.SetPresenceAsync(colleague, Presence.Online);
        await h.AdvanceAsync(20);
        ids.Add(await h.NewInteractionAsync());

        await h.AdvanceAsync(11);

        var user = await UserAsync(h, absent);
        Assert.Equal((Presence.Paused, NotResponding.Reason), (user.Presence, user.PauseReason));
        // Every offer still open for the absent agent (the fourth had 19 s to go) moves on with the pause.
        foreach (var id in ids)
        {
            Assert.Equal([colleague], await h.OfferedToAsync(id));
        }
    }

    [Fact]
    public async Task OfferExpired_TwoInARow_AgentStaysOnline()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent], timeoutSeconds: 30);
        await h.NewInteractionAsync();
        await h.NewInteractionAsync();

        await h.AdvanceAsync(31);

        Assert.Equal(Presence.Online, (await UserAsync(h, agent)).Presence);
    }

    [Fact]
    public async Task OfferExpired_ThirdSinceComingBackOnline_CountsOnlyTheOffersSince()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent], timeoutSeconds: 30);
        await h.NewInteractionAsync();
        await h.NewInteractionAsync();
        await h.AdvanceAsync(31);
        await h.SetPresenceAsync(agent, Presence.Paused);
        await h.SetPresenceAsync(agent, Presence.Online);
        h.Clock.Advance(TimeSpan.FromSeconds(1));

        await h.NewInteractionAsync();
        await h.AdvanceAsync(31);

        Assert.Equal(Presence.Online, (await UserAsync(h, agent)).Presence);
    }

    [Fact]
    public async Task ConnectionLost_OnlineAgentWithAnOffer_GoesOfflineWithTheReasonAndTheOfferMovesOn()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var gone = (await h.AddAgentsAsync(1))[0];
        var colleague = (await h.AddAgentsAsync(1, Presence.Offline))[0];
        await h.AddQueueAsync(RoutingStrategy.LeastRecent, [gone, colleague], timeoutSeconds: 30);
        var id = await h.NewInteractionAsync();
        await h.SetPresenceAsync(colleague, Presence.Online);
        Assert.Equal([gone], await h.OfferedToAsync(id));

        var changed = await h.RunAsync<ConnectionLost, bool>(c => c.RunAsync(gone, default));

        Assert.True(changed);
        var user = await UserAsync(h, gone);
        Assert.Equal((Presence.Offline, ConnectionLost.Reason), (user.Presence, user.PauseReason));
        Assert.Equal([colleague], await h.OfferedToAsync(id));
        Assert.False(await h.RunAsync<ConnectionLost, bool>(c => c.RunAsync(gone, default)));
    }

    private static async Task<User> UserAsync(RoutingHarness h, int id)
    {
        await using var scope = h.Scope();
        return await scope.ServiceProvider.GetRequiredService<MailroomDb>().Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }
}
