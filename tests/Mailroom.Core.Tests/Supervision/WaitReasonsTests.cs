using Mailroom.Core.Queues;
using Mailroom.Core.Supervision;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Users;

namespace Mailroom.Core.Tests.Supervision;

/// <summary>The board says why a customer still waits, in words a supervisor can act on.</summary>
public sealed class WaitReasonsTests
{
    [Fact]
    public async Task Why_NoQueueServesTheAccount()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var id = await h.NewInteractionAsync();

        Assert.Equal("no queue serves this account", await WhyAsync(h, id));
    }

    [Fact]
    public async Task Why_TheQueuesAgentsAreOffline_ThenAtCapacity_ThenItRings()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1, Presence.Offline, capacity: 1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent], timeoutSeconds: 600);
        await h.NewInteractionAsync(assignedUserId: agent);
        var id = await h.NewInteractionAsync();
        Assert.Equal("no agent of its queues is online", await WhyAsync(h, id));

        await h.SetPresenceAsync(agent, Presence.Online);
        Assert.Equal("every online agent of its queues is at capacity", await WhyAsync(h, id));

        // A colleague joins the queue and comes online: they are offered it at once.
        var colleague = (await h.AddAgentsAsync(1, Presence.Offline))[0];
        await using (var db = h.Database.NewContext())
        {
            db.QueueMembers.Add(new QueueMember { QueueId = db.Queues.Single().Id, UserId = colleague });
            await db.SaveChangesAsync();
        }

        await h.SetPresenceAsync(colleague, Presence.Online);
        Assert.Equal("offered to 1 agent, ringing", await WhyAsync(h, id));
    }

    private static async Task<string> WhyAsync(RoutingHarness h, long id)
    {
        await using var db = h.Database.NewContext();
        return await WaitReasons.WhyAsync(db, id, default);
    }
}
