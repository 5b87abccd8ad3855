using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Users;

namespace Mailroom.Core.Tests.Routing;

/// <summary>A new message waits for its owner, then for the owner's queue, then routes normally.</summary>
public sealed class StickyOwnerTests
{
    [Fact]
    public async Task CustomerWrites_OwnerNeverAccepts_OwnerThenOwnersQueueThenNormalRouting()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var owner = (await h.AddAgentsAsync(1))[0];
        var colleague = (await h.AddAgentsAsync(1))[0];
        var other = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [owner, colleague], timeoutSeconds: 300, servesAccount: false);
        await h.AddQueueAsync(RoutingStrategy.RingAll, [other]);
        var id = await h.NewInteractionAsync(assignedUserId: owner);

        await h.CustomerWritesAsync(id);
        var sticky = Assert.Single(await h.OffersAsync(id));
        Assert.Equal((owner, OfferReason.Sticky, h.Now.AddSeconds(10)), (sticky.UserId, sticky.Reason, sticky.DueAt));

        await h.AdvanceAsync(10);
        Assert.Null((await h.InteractionAsync(id)).AssignedUserId);
        Assert.Equal([colleague], await h.OfferedToAsync(id));
        Assert.Equal(RoutingStep.StickyQueue, (await h.TaskAsync(id)).Step);

        await h.AdvanceAsync(19);
        Assert.Equal([colleague], await h.OfferedToAsync(id));
        await h.AdvanceAsync(1);
        Assert.Equal([other], await h.OfferedToAsync(id));
        Assert.Equal(RoutingStep.Queue, (await h.TaskAsync(id)).Step);
    }

    [Fact]
    public async Task CustomerWrites_OwnerAccepts_KeepsTheInteraction()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var owner = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [owner]);
        var id = await h.NewInteractionAsync(assignedUserId: owner);
        await h.CustomerWritesAsync(id);

        await h.AcceptAsync(owner, (await h.OffersAsync(id))[0].Id);

        Assert.Equal(owner, (await h.InteractionAsync(id)).AssignedUserId);
        Assert.Equal(RoutingState.Done, (await h.TaskAsync(id)).State);
    }

    [Fact]
    public async Task CustomerWrites_OwnerPausedButBackInTime_GetsTheOfferOnReturn()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var owner = (await h.AddAgentsAsync(1, Presence.Paused))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [owner]);
        var id = await h.NewInteractionAsync(assignedUserId: owner);

        await h.CustomerWritesAsync(id);
        Assert.Empty(await h.OfferedToAsync(id));
        await h.AdvanceAsync(5);
        await h.SetPresenceAsync(owner, Presence.Online);

        var offer = Assert.Single(await h.OffersAsync(id));
        Assert.Equal((owner, OfferReason.Sticky), (offer.UserId, offer.Reason));
        Assert.Equal(h.Now.AddSeconds(5), offer.DueAt);
    }
}
