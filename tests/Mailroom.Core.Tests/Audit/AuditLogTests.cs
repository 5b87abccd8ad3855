using Mailroom.Core.Audit;
using Mailroom.Core.CannedAnswers;
using Mailroom.Core.Common;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Skills;
using Mailroom.Core.Tags;
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
    public async Task QueueTagAndCannedAnswerChanges_AreAudited_WithMembersByEmailAndAccountsByKey()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var ids = await h.AddAgentsAsync(2);
        var admin = new Actor(ids[0], Role.Admin);
        var emails = await h.RunAsync<Mailroom.Core.Storage.MailroomDb, List<string>>(db => db.Users.OrderBy(u => u.Id).Select(u => u.Email).ToListAsync());
        var queue = await h.RunAsync<QueueCommands, QueueView>(c => c.CreateAsync(admin, new QueueInput { Name = "Front", Members = [new(ids[0])], AccountIds = [h.AccountId] }, default));
        await h.RunAsync<QueueCommands, QueueView>(c => c.UpdateAsync(admin, queue.Id,
            new QueueInput { Name = "Front line", Strategy = RoutingStrategy.LeastRecent, Members = [new(ids[1])], AccountIds = [h.AccountId] }, default));
        var tag = await h.RunAsync<TagCatalog, TagView>(c => c.CreateAsync(admin, new TagInput("VIP", "#aa0000"), default));
        await h.RunAsync<TagCatalog, TagView>(c => c.UpdateAsync(admin, tag.Id, new TagInput("VIP", "#00aa00"), default));
        await h.RunAsync<TagCatalog>(c => c.DeleteAsync(admin, tag.Id, default));
        var answer = await h.RunAsync<CannedAnswerCatalog, CannedAnswerView>(c => c.CreateAsync(admin, new CannedAnswerInput("Thanks", "Thank you", h.AccountId), default));
        await h.RunAsync<CannedAnswerCatalog, CannedAnswerView>(c => c.UpdateAsync(admin, answer.Id, new CannedAnswerInput("Thanks", "Thank you!", null), default));

        var all = (await SearchAsync(h, admin, new AuditQuery())).Reverse().ToList();

        Assert.Equal(["queue created", "queue changed", "tag created", "tag changed", "tag deleted", "canned answer created", "canned answer changed"], all.Select(e => e.Action));
        Assert.Equal($"strategy RingAll; members +{emails[0]}; accounts +SUP", all[0].Details);
        Assert.Equal(("queue Front line", $"name Front → Front line; strategy RingAll → LeastRecent; members +{emails[1]}, −{emails[0]}"), (all[1].Target, all[1].Details));
        Assert.Equal("color #aa0000 → #00aa00", all[3].Details);
        Assert.Equal("account SUP", all[5].Details);
        Assert.Equal("for account SUP → all accounts; text changed", all[6].Details);
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
