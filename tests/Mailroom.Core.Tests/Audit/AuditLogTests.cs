using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Skills;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.TwoFactor;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Audit;

/// <summary>Administration facts land in the audit log with who, when and what changed; the log is searchable and never rewritten.</summary>
public sealed class AuditLogTests
{
    [Fact]
    public async Task PlanSkillsAndTwoFactorChanges_AreAudited_ByWhoDidThem_AndFoundBySearch()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var adminId = (await h.AddAgentsAsync(1))[0];
        var admin = new Actor(adminId, Role.Admin);
        var queue = await h.AddQueueAsync(RoutingStrategy.RingAll, []);
        await h.RunAsync<SaveActionPlan, ActionPlanInput>(p => p.RunAsync(admin, h.AccountId, new ActionPlanInput([new(PlanStepKind.Queue, QueueId: queue)]), default));
        var skill = await h.RunAsync<SkillCatalog, SkillView>(c => c.CreateAsync(admin, new SkillInput("French"), default));
        await h.RunAsync<AgentSkills, IReadOnlyList<AgentSkillView>>(c => c.SetAsync(admin, adminId, [new AgentSkillInput(skill.Id, 3)], default));
        await h.RunAsync<TwoFactorPolicies, TwoFactorPolicyView>(p => p.UpdateAsync(admin, new TwoFactorPolicyInput(true, false, false), default));

        var all = await SearchAsync(h, admin, new AuditQuery());
        var plan = await SearchAsync(h, admin, new AuditQuery(Q: "PLAN SAVED"));

        Assert.Equal(["two-factor policy changed", "skills changed", "action plan saved"], all.Select(e => e.Action));
        Assert.All(all, e => Assert.Equal((adminId, "Agent"), (e.ActorUserId!.Value, e.ActorName!)));
        Assert.Equal("0 → 1 steps: Queue", Assert.Single(plan).Details);
        Assert.Equal("French 3", all[1].Details);
        Assert.Equal("agents False → True", all[0].Details);
        Assert.Empty(await SearchAsync(h, admin, new AuditQuery(From: h.Now.AddMinutes(1))));
    }

    [Fact]
    public async Task AnEntry_CannotBeChangedOrDeleted()
    {
        await using var h = await RoutingHarness.CreateAsync();
        await using var db = h.Database.NewContext();
        db.Audit(null, "signed in", "user a@example.test", null, h.Now);
        await db.SaveChangesAsync();

        var entry = await db.AuditEntries.SingleAsync();
        entry.Details = "rewritten";
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        db.Entry(entry).State = EntityState.Unchanged;
        db.AuditEntries.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Search_ByAnAgent_IsForbidden_AndABadPeriodNamesFrom()
    {
        await using var h = await RoutingHarness.CreateAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => SearchAsync(h, new Actor(1, Role.Supervisor), new AuditQuery()));
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => SearchAsync(h, new Actor(1, Role.Admin), new AuditQuery(From: h.Now, To: h.Now.AddDays(-1))));
        Assert.Contains("from", bad.Errors.Keys);
    }

    private static Task<IReadOnlyList<AuditView>> SearchAsync(RoutingHarness h, Actor actor, AuditQuery query) =>
        h.RunAsync<AuditLog, IReadOnlyList<AuditView>>(l => l.SearchAsync(actor, query, default));
}
