using Mailroom.Core.Common;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Storage;
using Mailroom.Core.Templates;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Tests.Routing;

public sealed class ActionPlanTests
{
    [Fact]
    public async Task NewInteraction_QueueAgentGotoPlan_RunsTheStepsInOrderAndJumpsBack()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var sales = (await h.AddAgentsAsync(1))[0];
        var expert = (await h.AddAgentsAsync(1))[0];
        var everyone = (await h.AddAgentsAsync(1))[0];
        var salesQueue = await h.AddQueueAsync(RoutingStrategy.RingAll, [sales], timeoutSeconds: 300, servesAccount: false);
        await h.AddQueueAsync(RoutingStrategy.RingAll, [everyone]);
        await h.SetPlanAsync(
            new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = salesQueue, TimeoutSeconds = 20 },
            new ActionPlanStep { Kind = PlanStepKind.Agent, UserId = expert, TimeoutSeconds = 10 },
            new ActionPlanStep { Kind = PlanStepKind.Goto, Target = 0 });

        var id = await h.NewInteractionAsync();
        Assert.Equal([sales], await h.OfferedToAsync(id));

        await h.AdvanceAsync(20);
        Assert.Equal([expert], await h.OfferedToAsync(id));
        Assert.Equal(h.Now.AddSeconds(10), (await h.OffersAsync(id))[0].DueAt);

        await h.AdvanceAsync(10);
        Assert.Equal([sales], await h.OfferedToAsync(id));
        Assert.Equal((RoutingStep.PlanQueue, 0), ((await h.TaskAsync(id)).Step, (await h.TaskAsync(id)).PlanPosition));
    }

    [Fact]
    public async Task NewInteraction_PlanRunsOut_GoesToNormalRouting()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var expert = (await h.AddAgentsAsync(1, Presence.Offline))[0];
        var everyone = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [everyone]);
        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.Agent, UserId = expert, TimeoutSeconds = 15 });

        var id = await h.NewInteractionAsync();
        Assert.Empty(await h.OfferedToAsync(id));

        await h.AdvanceAsync(15);
        Assert.Equal([everyone], await h.OfferedToAsync(id));
        Assert.Equal(RoutingStep.Queue, (await h.TaskAsync(id)).Step);
    }

    public static TheoryData<PlanStepInput[], string> BadPlans => new()
    {
        { [new(PlanStepKind.Goto, Target: 1), new(PlanStepKind.Goto, Target: 0)], "steps[0]" },
        { [new(PlanStepKind.Queue, QueueId: 999)], "steps[0]" },
        { [new(PlanStepKind.Goto, Target: 0), new(PlanStepKind.Goto, Target: 7)], "steps[1]" },
        { [new(PlanStepKind.Goto, Target: 1), new(PlanStepKind.Agent, UserId: 12345)], "steps[1]" },
        { [new(PlanStepKind.RequireSkill, SkillId: 999, SkillLevel: 2)], "steps[0]" },
        { [new(PlanStepKind.RequireSkill, SkillLevel: 2)], "steps[0]" },
        { [new(PlanStepKind.RelaxSkill, SkillId: 999)], "steps[0]" },
        { [new(PlanStepKind.RelaxSkill, SkillLevel: 9)], "steps[0]" },
    };

    [Theory]
    [MemberData(nameof(BadPlans))]
    public async Task Save_ABadStep_FailsNamingTheStep(PlanStepInput[] steps, string field)
    {
        await using var h = await RoutingHarness.CreateAsync();
        await using var scope = h.Scope();
        var save = scope.ServiceProvider.GetRequiredService<SaveActionPlan>();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => save.RunAsync(new Actor(1, Role.Admin), h.AccountId, new ActionPlanInput(steps), default));

        Assert.Contains(field, failure.Errors.Keys);
    }

    [Fact]
    public async Task Save_AValidPlan_IsReadBackInOrder()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var queue = await h.AddQueueAsync(RoutingStrategy.RingAll, []);
        await using var scope = h.Scope();
        var save = scope.ServiceProvider.GetRequiredService<SaveActionPlan>();
        var admin = new Actor(1, Role.Admin);
        PlanStepInput[] steps = [new(PlanStepKind.Queue, QueueId: queue, TimeoutSeconds: 60), new(PlanStepKind.Goto, Target: 0)];

        await save.RunAsync(admin, h.AccountId, new ActionPlanInput(steps), default);

        Assert.Equal(steps, (await save.GetAsync(admin, h.AccountId, default)).Steps);
    }

    [Fact]
    public async Task Save_TheDatabaseRefusesTheNewSteps_KeepsTheOldPlan()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var queue = await h.AddQueueAsync(RoutingStrategy.RingAll, []);
        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = queue, TimeoutSeconds = 45 });
        await using var scope = h.Scope();
        var builder = new DbContextOptionsBuilder<MailroomDb>();
        h.Database.Configure(builder);
        await using var refusing = new MailroomDb(builder.AddInterceptors(new RefusedCommits()).Options);
        var save = new SaveActionPlan(refusing, scope.ServiceProvider.GetRequiredService<TemplateRenderer>(), h.Clock);
        var admin = new Actor(1, Role.Admin);

        await Assert.ThrowsAsync<DbUpdateException>(() => save.RunAsync(admin, h.AccountId, new ActionPlanInput([new(PlanStepKind.Queue, QueueId: queue, TimeoutSeconds: 90)]), default));

        var kept = await scope.ServiceProvider.GetRequiredService<SaveActionPlan>().GetAsync(admin, h.AccountId, default);
        Assert.Equal(45, Assert.Single(kept.Steps).TimeoutSeconds);
    }

    /// <summary>A database that takes the delete but refuses the insert after it, as PostgreSQL refuses a value too long for its column.</summary>
    private sealed class RefusedCommits : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) => throw new DbUpdateException("value too long for type character varying(2000)");
    }
}
