using Mailroom.Core.Common;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.ServiceLevels;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Tests.ServiceLevels;

/// <summary>The waiting list is offered by priority, then by service-level due time, then oldest first.</summary>
public sealed class WaitingOrderTests
{
    [Fact]
    public async Task AgentComesOnline_OlderWaitingInteraction_IsOfferedFirst()
    {
        var (h, agent, older, newer) = await TwoWaitingAsync();
        await using (h)
        {
            await h.SetPresenceAsync(agent, Presence.Online);
            Assert.Equal([agent], await h.OfferedToAsync(older));
            Assert.Empty(await h.OfferedToAsync(newer));
        }
    }

    [Fact]
    public async Task AgentComesOnline_NewerWithHigherPriority_IsOfferedFirst()
    {
        var (h, agent, older, newer) = await TwoWaitingAsync();
        await using (h)
        {
            // Any agent of the account may set it, not only the one who will be offered it.
            var colleague = (await h.AddAgentsAsync(1, Presence.Offline))[0];
            await h.RunAsync<SetPriority>(p => p.RunAsync(new Actor(colleague, Role.Agent), newer, 4, default));
            await h.SetPresenceAsync(agent, Presence.Online);
            Assert.Equal([agent], await h.OfferedToAsync(newer));
            Assert.Empty(await h.OfferedToAsync(older));
        }
    }

    [Fact]
    public async Task AgentComesOnline_OlderWhoseClockIsPaused_GoesAfterTheOneDueFirst()
    {
        var (h, agent, older, newer) = await TwoWaitingAsync();
        await using (h)
        {
            int pending;
            await using (var scope = h.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Mailroom.Core.Storage.MailroomDb>();
                await new SubStatusCatalog(db, h.Clock).EnsureDefaultAsync(default);
                pending = db.SubStatuses.Single(s => s.IsBuiltIn).Id;
            }

            await h.RunAsync<SetSubStatus>(s => s.RunAsync(Actor.System, older, pending, default));
            await h.SetPresenceAsync(agent, Presence.Online);
            Assert.Equal([agent], await h.OfferedToAsync(newer));
            Assert.Empty(await h.OfferedToAsync(older));
        }
    }

    [Fact]
    public async Task Plan_SetPriorityStep_SetsItBeforeTheQueueStep_WithHistory()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1))[0];
        var queue = await h.AddQueueAsync(RoutingStrategy.RingAll, [agent], servesAccount: false);
        await h.SetPlanAsync(
            new ActionPlanStep { Kind = PlanStepKind.SetPriority, Priority = 6 },
            new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = queue, TimeoutSeconds = 60 });

        var id = await h.NewInteractionFromMailAsync(Mail("p1"));

        Assert.Equal(6, (await h.InteractionAsync(id)).Priority);
        Assert.Equal([agent], await h.OfferedToAsync(id));
        await using var db = h.Database.NewContext();
        Assert.Equal("0 → 6 (action plan)", db.History.Single(e => e.InteractionId == id && e.Action == "priority").Details);
    }

    [Fact]
    public async Task SetPriority_OutOfRange_Is400NamingPriority()
    {
        var (h, _, older, _) = await TwoWaitingAsync();
        await using (h)
        {
            var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => h.RunAsync<SetPriority>(p => p.RunAsync(Actor.System, older, 11, default)));
            Assert.Contains("priority", ex.Errors.Keys);
        }
    }

    // One offline agent who can take one interaction, and two interactions waiting a minute apart under a policy.
    private static async Task<(RoutingHarness H, int Agent, long Older, long Newer)> TwoWaitingAsync()
    {
        var h = await RoutingHarness.CreateAsync();
        var agent = (await h.AddAgentsAsync(1, Presence.Offline, capacity: 1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        await SlaClockTests.AddPolicyAsync(h, new SlaPolicyInput("Standard", h.AccountId, null, null, 60, null, null, null, null, null));
        var older = await h.NewInteractionFromMailAsync(Mail("o1"));
        await h.AdvanceAsync(60);
        var newer = await h.NewInteractionFromMailAsync(Mail("n1"));
        return (h, agent, older, newer);
    }

    private static string Mail(string id) => $"""
        From: Erin Customer <erin@customer.test>
        To: support@example.test
        Subject: Order {id}
        Message-ID: <{id}@customer.test>
        Content-Type: text/plain

        Hello.
        """;
}
