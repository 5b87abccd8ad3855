using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Parking;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.ServiceLevels;
using Mailroom.Core.Settings;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Tests.ServiceLevels;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Parking;

/// <summary>
/// Parking sets work aside: the slot is freed for new offers, the clocks wait, and at its time the interaction
/// comes back to its owner first, then to the queue.
/// </summary>
public sealed class ParkingTests
{
    [Fact]
    public async Task Park_AgentAtCapacity_TheWaitingInteractionIsOfferedToThem()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1, capacity: 1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        var mine = await h.NewInteractionAsync(assignedUserId: agent);
        var waiting = await h.NewInteractionAsync();
        Assert.Empty(await h.OfferedToAsync(waiting));

        await ParkAsync(h, agent, mine, new ParkInput(h.Now.AddHours(2)));

        Assert.Equal([agent], await h.OfferedToAsync(waiting));
        Assert.Equal(agent, (await h.InteractionAsync(mine)).AssignedUserId);
    }

    [Fact]
    public async Task ParkedUntil_TimeComes_OfferedToTheOwnerFirstThenTheirQueue()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var owner = (await h.AddAgentsAsync(1))[0];
        var colleague = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [owner, colleague]);
        var id = await h.NewInteractionAsync(assignedUserId: owner);
        await ParkAsync(h, owner, id, new ParkInput(h.Now.AddHours(1)));

        await h.AdvanceAsync(3599);
        Assert.NotNull((await h.InteractionAsync(id)).ParkedAt);
        Assert.Empty(await h.OfferedToAsync(id));

        await h.AdvanceAsync(1);
        Assert.Null((await h.InteractionAsync(id)).ParkedAt);
        var back = Assert.Single(await h.OffersAsync(id));
        Assert.Equal((owner, OfferReason.Sticky), (back.UserId, back.Reason));
        Assert.Equal(UnparkReason.Due, EventLog.Read<InteractionUnparked>(Assert.Single(await h.EventsAsync(nameof(InteractionUnparked)))).Reason);

        await h.AdvanceAsync(10);
        Assert.Equal([colleague], await h.OfferedToAsync(id));
    }

    [Fact]
    public async Task ParkedUntilDue_OnTwoNodesAtOnce_ComesBackOnce()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var owner = (await h.AddAgentsAsync(1))[0];
        var id = await h.NewInteractionAsync(assignedUserId: owner);
        await ParkAsync(h, owner, id, new ParkInput(h.Now.AddMinutes(5)));
        h.Clock.Advance(TimeSpan.FromMinutes(5));

        var passes = await Task.WhenAll(h.RunAsync<ParkingTimers, int>(t => t.ProcessDueAsync(default)),
            h.NewInstance().RunAsync<ParkingTimers, int>(t => t.ProcessDueAsync(default)));

        Assert.Equal(1, passes.Sum());
        Assert.Single(await h.EventsAsync(nameof(InteractionUnparked)));
    }

    [Fact]
    public async Task Park_AnotherAgentsInteraction_IsRefused_AndASupervisorMay()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var (owner, colleague) = ((await h.AddAgentsAsync(1))[0], (await h.AddAgentsAsync(1))[0]);
        var id = await h.NewInteractionAsync(assignedUserId: owner);

        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<ParkInteraction>(p =>
            p.ParkAsync(new Actor(colleague, Role.Agent), id, new ParkInput(null, UntilCustomerWrites: true), default)));
        await h.RunAsync<ParkInteraction>(p => p.ParkAsync(new Actor(colleague, Role.Supervisor), id, new ParkInput(null, UntilCustomerWrites: true), default));

        var parked = await h.InteractionAsync(id);
        Assert.NotNull(parked.ParkedAt);
        Assert.Null(parked.ParkedUntil);
    }

    [Theory]
    [InlineData(-3600, false)]
    [InlineData(30, false)]
    [InlineData(400 * 24 * 3600, false)]
    [InlineData(null, false)]
    [InlineData(3600, true)]
    public async Task Park_UntilOutOfRangeOrBothOrNeither_NamesUntil(int? secondsAhead, bool alsoUntilCustomerWrites)
    {
        await using var h = await RoutingHarness.CreateAsync();
        var owner = (await h.AddAgentsAsync(1))[0];
        var id = await h.NewInteractionAsync(assignedUserId: owner);
        var until = secondsAhead is int s ? h.Now.AddSeconds(s) : (DateTime?)null;

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            ParkAsync(h, owner, id, new ParkInput(until, alsoUntilCustomerWrites)));
        Assert.Contains("until", error.Errors.Keys);
        Assert.Null((await h.InteractionAsync(id)).ParkedAt);
    }

    [Fact]
    public async Task Park_ANewMessageBeingOfferedToTheOwner_WithdrawsTheOfferAndStopsRouting()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var owner = (await h.AddAgentsAsync(1))[0];
        var colleague = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [owner, colleague]);
        var id = await h.NewInteractionAsync(assignedUserId: owner);
        await h.CustomerWritesAsync(id);
        Assert.Equal([owner], await h.OfferedToAsync(id));

        await ParkAsync(h, owner, id, new ParkInput(h.Now.AddHours(1)));
        await h.AdvanceAsync(60);

        Assert.Empty(await h.OfferedToAsync(id));
        Assert.Single(await h.OffersAsync(id, OfferState.Withdrawn));
        Assert.Equal("parked", EventLog.Read<OfferWithdrawn>(Assert.Single(await h.EventsAsync(nameof(OfferWithdrawn)))).Why);
        Assert.Equal(RoutingState.Done, (await h.TaskAsync(id)).State);
        Assert.Equal(owner, (await h.InteractionAsync(id)).AssignedUserId);
    }

    [Fact]
    public async Task TakeBack_ParkedInteraction_HoldsTheSlotAgain()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1, capacity: 1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        var mine = await h.NewInteractionAsync(assignedUserId: agent);
        await ParkAsync(h, agent, mine, new ParkInput(h.Now.AddHours(2)));
        await h.RunAsync<ParkInteraction>(p => p.TakeBackAsync(new Actor(agent, Role.Agent), mine, default));

        var waiting = await h.NewInteractionAsync();

        Assert.Empty(await h.OfferedToAsync(waiting));
        Assert.Null((await h.InteractionAsync(mine)).ParkedAt);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task PendingInteraction_FreesTheSlotOnlyWhenTheAdministratorSaysSo(bool pendingFrees, bool offered)
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1, capacity: 1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        var mine = await h.NewInteractionAsync(assignedUserId: agent);
        await using (var db = h.Database.NewContext())
        {
            db.DesktopSettings.Add(new DesktopSettings { PendingFreesCapacity = pendingFrees });
            await db.SaveChangesAsync();
        }

        var pending = await PendingIdAsync(h);
        await h.RunAsync<SetSubStatus>(s => s.RunAsync(new Actor(agent, Role.Agent), mine, pending, default));
        var waiting = await h.NewInteractionAsync();

        Assert.Equal(offered ? [agent] : [], await h.OfferedToAsync(waiting));
    }

    [Fact]
    public async Task Parked_ResolutionClockWaits_AndRunsAgainWhenItComesBack()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        await SlaClockTests.AddPolicyAsync(h, new SlaPolicyInput("Resolve", h.AccountId, null, null, null, null, 240, null, null, null));

        var id = await h.NewInteractionFromMailAsync("From: c@customer.test\nTo: s@example.test\nSubject: Hi\nMessage-ID: <pk@c.test>\n\nHello");
        await h.AcceptAsync(agent, (await h.OffersAsync(id)).Single().Id);
        await h.AdvanceAsync(3600);

        await ParkAsync(h, agent, id, new ParkInput(h.Now.AddDays(2)));
        var clock = await SlaClockTests.ClockAsync(h, id, SlaKind.Resolution);
        Assert.True(clock.IsPaused);
        Assert.Equal(TimeSpan.FromHours(1), clock.Used);

        await h.AdvanceAsync(2 * 24 * 3600);
        clock = await SlaClockTests.ClockAsync(h, id, SlaKind.Resolution);
        Assert.False(clock.IsPaused);
        Assert.Equal(h.Now.AddHours(3), clock.DueAt);
    }

    private static Task ParkAsync(RoutingHarness h, int userId, long id, ParkInput input) =>
        h.RunAsync<ParkInteraction>(p => p.ParkAsync(new Actor(userId, Role.Agent), id, input, default));

    private static async Task<int> PendingIdAsync(RoutingHarness h)
    {
        await using var db = h.Database.NewContext();
        await new SubStatusCatalog(db, h.Clock).EnsureDefaultAsync(default);
        return await db.SubStatuses.Where(s => s.IsBuiltIn).Select(s => s.Id).SingleAsync();
    }
}
