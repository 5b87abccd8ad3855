using Mailroom.Core.Common;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Skills;
using Mailroom.Core.Supervision;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Skills;

/// <summary>
/// Plan steps make an interaction need skills; queue routing offers it only to agents who hold them at the level,
/// and a Relax skill step after a Queue step's timeout lets others have it. On both providers: the filter is SQL.
/// </summary>
public abstract class SkillRoutingTests(DatabaseProvider provider)
{
    private static readonly Actor Admin = new(1, Role.Admin);

    [Fact]
    public async Task RequiredSkill_OfferedOnlyToAgentsHoldingItAtTheLevel()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var (expert, beginner, other) = await ThreeAgentsAsync(h);
        var french = await AddSkillAsync(h, "French");
        await GiveAsync(h, expert, (french, 4));
        await GiveAsync(h, beginner, (french, 2));
        var queue = await h.AddQueueAsync(RoutingStrategy.RingAll, [expert, beginner, other], servesAccount: false);
        await h.SetPlanAsync(
            new ActionPlanStep { Kind = PlanStepKind.RequireSkill, SkillId = french, SkillLevel = 3 },
            new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = queue, TimeoutSeconds = 60 });

        var id = await h.NewInteractionAsync();

        Assert.Equal([expert], await h.OfferedToAsync(id));
        Assert.Contains(("skills", "needs French, level 3 or higher (action plan)"), await HistoryAsync(h, id));
    }

    [Fact]
    public async Task NoSpecialist_WaitsSayingSo_ThenTheRelaxStepAfterTheTimeoutOffersItToEveryone()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var (_, beginner, other) = await ThreeAgentsAsync(h);
        var french = await AddSkillAsync(h, "French");
        await GiveAsync(h, beginner, (french, 1));
        var queue = await h.AddQueueAsync(RoutingStrategy.RingAll, [beginner, other], servesAccount: false);
        await h.SetPlanAsync(
            new ActionPlanStep { Kind = PlanStepKind.RequireSkill, SkillId = french, SkillLevel = 3 },
            new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = queue, TimeoutSeconds = 120 },
            new ActionPlanStep { Kind = PlanStepKind.RelaxSkill },
            new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = queue, TimeoutSeconds = 600 });

        var id = await h.NewInteractionAsync();
        Assert.Empty(await h.OfferedToAsync(id));
        Assert.Equal("no agent of its queues has the skill French, level 3 or higher", await WhyAsync(h, id));

        await h.AdvanceAsync(121);

        Assert.Equal([beginner, other], (await h.OfferedToAsync(id)).Order());
        Assert.Contains(("skills", "no longer needs French (action plan)"), await HistoryAsync(h, id));
        await using var db = h.Database.NewContext();
        Assert.False(await db.RequiredSkills.AnyAsync(r => r.InteractionId == id));
    }

    [Fact]
    public async Task RelaxToALowerLevel_OffersToTheLowerLevelOnly()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var (_, beginner, other) = await ThreeAgentsAsync(h);
        var french = await AddSkillAsync(h, "French");
        await GiveAsync(h, beginner, (french, 2));
        var queue = await h.AddQueueAsync(RoutingStrategy.RingAll, [beginner, other], servesAccount: false);
        await h.SetPlanAsync(
            new ActionPlanStep { Kind = PlanStepKind.RequireSkill, SkillId = french, SkillLevel = 4 },
            new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = queue, TimeoutSeconds = 60 },
            new ActionPlanStep { Kind = PlanStepKind.RelaxSkill, SkillId = french, SkillLevel = 2 },
            new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = queue, TimeoutSeconds = 600 });

        var id = await h.NewInteractionAsync();
        await h.AdvanceAsync(61);

        Assert.Equal([beginner], await h.OfferedToAsync(id));
        Assert.Contains(("skills", "French from level 4 to 2 (action plan)"), await HistoryAsync(h, id));
    }

    [Fact]
    public async Task TwoRequiredSkills_OnlyAnAgentWithBoth()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var (both, frenchOnly, billingOnly) = await ThreeAgentsAsync(h);
        var (french, billing) = (await AddSkillAsync(h, "French"), await AddSkillAsync(h, "Billing"));
        await GiveAsync(h, both, (french, 3), (billing, 3));
        await GiveAsync(h, frenchOnly, (french, 5));
        await GiveAsync(h, billingOnly, (billing, 5));
        await h.AddQueueAsync(RoutingStrategy.RingAll, [both, frenchOnly, billingOnly]);
        await h.SetPlanAsync(
            new ActionPlanStep { Kind = PlanStepKind.RequireSkill, SkillId = french, SkillLevel = 1 },
            new ActionPlanStep { Kind = PlanStepKind.RequireSkill, SkillId = billing, SkillLevel = 2 });

        var id = await h.NewInteractionAsync();

        Assert.Equal([both], await h.OfferedToAsync(id));
    }

    [Fact]
    public async Task SkilledAgentOffline_WaitsForThem_AndGivingAColleagueTheSkillOffersItAtOnce()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var specialist = (await h.AddAgentsAsync(1, Presence.Offline))[0];
        var colleague = (await h.AddAgentsAsync(1))[0];
        var french = await AddSkillAsync(h, "French");
        await GiveAsync(h, specialist, (french, 3));
        await h.AddQueueAsync(RoutingStrategy.RingAll, [specialist, colleague]);
        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.RequireSkill, SkillId = french, SkillLevel = 3 });

        var id = await h.NewInteractionAsync();
        Assert.Equal("no online agent has the skill French, level 3 or higher", await WhyAsync(h, id));

        await GiveAsync(h, colleague, (french, 3));

        Assert.Equal([colleague], await h.OfferedToAsync(id));
    }

    [Fact]
    public async Task DeletingASkillNoPlanUses_LetsTheInteractionsThatNeededItBeOffered()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var agent = (await h.AddAgentsAsync(1))[0];
        var french = await AddSkillAsync(h, "French");
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.RequireSkill, SkillId = french, SkillLevel = 1 });
        var id = await h.NewInteractionAsync();
        Assert.Empty(await h.OfferedToAsync(id));
        await using (var db = h.Database.NewContext())
        {
            await db.ActionPlanSteps.ExecuteDeleteAsync();
        }

        await h.RunAsync<SkillCatalog>(c => c.DeleteAsync(Admin, french, default));

        Assert.Equal([agent], await h.OfferedToAsync(id));
    }

    [Fact]
    public async Task DeletingASkillAPlanRequires_IsRefused()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var french = await AddSkillAsync(h, "French");
        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.RequireSkill, SkillId = french, SkillLevel = 1 });

        var refused = await Assert.ThrowsAsync<ConflictException>(() => h.RunAsync<SkillCatalog>(c => c.DeleteAsync(Admin, french, default)));

        Assert.Contains("French", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<(int, int, int)> ThreeAgentsAsync(RoutingHarness h)
    {
        var agents = await h.AddAgentsAsync(3);
        return (agents[0], agents[1], agents[2]);
    }

    private static Task<int> AddSkillAsync(RoutingHarness h, string name) =>
        h.RunAsync<SkillCatalog, int>(async c => (await c.CreateAsync(Admin, new SkillInput(name), default)).Id);

    private static Task GiveAsync(RoutingHarness h, int userId, params (int Skill, int Level)[] skills) =>
        h.RunAsync<AgentSkills>(c => c.SetAsync(Admin, userId, skills.Select(s => new AgentSkillInput(s.Skill, s.Level)).ToList(), default));

    private static async Task<List<(string, string?)>> HistoryAsync(RoutingHarness h, long id)
    {
        await using var db = h.Database.NewContext();
        return (await db.History.Where(x => x.InteractionId == id).OrderBy(x => x.Id).Select(x => new { x.Action, x.Details }).ToListAsync())
            .Select(x => (x.Action, x.Details)).ToList();
    }

    private static async Task<string> WhyAsync(RoutingHarness h, long id)
    {
        await using var db = h.Database.NewContext();
        return await WaitReasons.WhyAsync(db, id, default);
    }

    public sealed class OnSqlite() : SkillRoutingTests(DatabaseProvider.Sqlite);

    [NeedsServer(NeedsServerAttribute.PostgreSql)]
    public sealed class OnPostgres() : SkillRoutingTests(DatabaseProvider.Postgres);
}
