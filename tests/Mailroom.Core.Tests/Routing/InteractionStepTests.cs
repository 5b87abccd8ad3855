using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Tags;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core.Tests.Routing;

/// <summary>Action plan steps Close, Tag and Set sub-status, on both providers.</summary>
public abstract class InteractionStepTests(DatabaseProvider provider)
{
    [Fact]
    public async Task NewInteraction_TagSubStatusThenQueue_TaggedMarkedAndOfferedByTheSystem()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var agent = (await h.AddAgentsAsync(1))[0];
        var queue = await h.AddQueueAsync(RoutingStrategy.RingAll, [agent], servesAccount: false);
        var (tag, subStatus) = (await AddTagAsync(h, "VIP"), await AddSubStatusAsync(h, "Waiting for parts"));
        await h.SetPlanAsync(
            new ActionPlanStep { Kind = PlanStepKind.Tag, TagId = tag },
            new ActionPlanStep { Kind = PlanStepKind.Tag, TagId = tag },
            new ActionPlanStep { Kind = PlanStepKind.SetSubStatus, SubStatusId = subStatus },
            new ActionPlanStep { Kind = PlanStepKind.Queue, QueueId = queue, TimeoutSeconds = 60 });

        var id = await h.NewInteractionAsync();

        Assert.Equal([agent], await h.OfferedToAsync(id));
        await using var db = h.Database.NewContext();
        Assert.Equal([tag], await db.InteractionTags.Where(t => t.InteractionId == id).Select(t => t.TagId).ToListAsync());
        Assert.Equal(subStatus, (await h.InteractionAsync(id)).SubStatusId);
        var history = await db.History.Where(x => x.InteractionId == id).OrderBy(x => x.Id).Select(x => new { x.Action, x.Details, x.ActorUserId }).ToListAsync();
        Assert.Equal([("tags", "+VIP", (int?)null), ("sub-status", "Waiting for parts", null)], history.Select(x => (x.Action, x.Details, x.ActorUserId)));
        Assert.Equal(["tags", "sub-status"], (await h.EventsAsync(nameof(InteractionChanged))).Select(e => EventLog.Read<InteractionChanged>(e).What));
    }

    [Fact]
    public async Task NewInteraction_CloseWithDisposition_ClosedNobodyOfferedAndThePlanEnds()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        var (tag, disposition) = (await AddTagAsync(h, "Spam"), await AddDispositionAsync(h, "Spam", h.AccountId));
        await h.SetPlanAsync(
            new ActionPlanStep { Kind = PlanStepKind.Close, DispositionId = disposition },
            new ActionPlanStep { Kind = PlanStepKind.Tag, TagId = tag });

        var id = await h.NewInteractionAsync();

        Assert.Empty(await h.OffersAsync(id, state: null));
        var interaction = await h.InteractionAsync(id);
        Assert.Equal((InteractionStatus.Closed, disposition, true), (interaction.Status, interaction.DispositionId, interaction.ClosedUnmanaged));
        Assert.Equal(RoutingState.Done, (await h.TaskAsync(id)).State);
        await using var db = h.Database.NewContext();
        var closed = await db.History.SingleAsync(x => x.InteractionId == id);
        Assert.Equal(("closed", "closed by the action plan; disposition Spam", (int?)null), (closed.Action, closed.Details, closed.ActorUserId));
        Assert.False(await db.InteractionTags.AnyAsync(t => t.InteractionId == id));
    }

    [Fact]
    public async Task NewInteraction_CloseWhoseDispositionGotLowerLevels_FailsInHistoryAndThePlanGoesOn()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        var disposition = await AddDispositionAsync(h, "Sales", null);
        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.Close, DispositionId = disposition });
        await AddDispositionAsync(h, "Refund", null, parentId: disposition);

        var id = await h.NewInteractionAsync();

        Assert.Equal([agent], await h.OfferedToAsync(id));
        Assert.Equal(InteractionStatus.Open, (await h.InteractionAsync(id)).Status);
        await using var db = h.Database.NewContext();
        Assert.Equal("plan close failed", (await db.History.SingleAsync(x => x.InteractionId == id)).Action);
    }

    public static TheoryData<string, PlanStepKind, string> BadReferences => new()
    {
        { "another account's disposition", PlanStepKind.Close, "names a disposition that is neither global nor this account's" },
        { "a disposition with lower levels", PlanStepKind.Close, "or that has lower levels" },
        { "no disposition where it is mandatory", PlanStepKind.Close, "needs a disposition" },
        { "a missing tag", PlanStepKind.Tag, "names a tag that does not exist" },
        { "a missing sub-status", PlanStepKind.SetSubStatus, "names a sub-status that does not exist" },
    };

    [Theory]
    [MemberData(nameof(BadReferences))]
    public async Task SavePlan_StepNamingSomethingItMayNot_IsA400NamingTheStep(string what, PlanStepKind kind, string message)
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        int other;
        await using (var db = h.Database.NewContext())
        {
            var otherAccount = new EmailAccount { Name = "Sales", Key = "SAL", Address = "sales@example.test" };
            db.Accounts.Add(otherAccount);
            await db.SaveChangesAsync();
            other = otherAccount.Id;
            (await db.Accounts.FirstAsync(a => a.Id == h.AccountId)).Disposition.Mandatory = what.Contains("mandatory", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }

        var parent = await AddDispositionAsync(h, "Sales", h.AccountId);
        await AddDispositionAsync(h, "Refund", h.AccountId, parentId: parent);
        var step = what switch
        {
            "another account's disposition" => new PlanStepInput(kind, DispositionId: await AddDispositionAsync(h, "Theirs", other)),
            "a disposition with lower levels" => new PlanStepInput(kind, DispositionId: parent),
            _ => new PlanStepInput(kind, TagId: 999, SubStatusId: 999),
        };
        await using var scope = h.Scope();
        var save = scope.ServiceProvider.GetRequiredService<SaveActionPlan>();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            save.RunAsync(new Actor(1, Role.Admin), h.AccountId, new ActionPlanInput([new(PlanStepKind.Webhook, Url: "http://127.0.0.1/x"), step]), default));

        Assert.Equal(["steps[1]"], ex.Errors.Keys);
        Assert.Contains(message, ex.Errors["steps[1]"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavePlan_CloseTagAndSubStatus_AreReadBackAndTheirTagCannotBeDeleted()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var (tag, subStatus) = (await AddTagAsync(h, "VIP"), await AddSubStatusAsync(h, "On hold"));
        var disposition = await AddDispositionAsync(h, "Done", null);
        await using var scope = h.Scope();
        var save = scope.ServiceProvider.GetRequiredService<SaveActionPlan>();
        var admin = new Actor(1, Role.Admin);
        PlanStepInput[] steps = [new(PlanStepKind.Tag, TagId: tag), new(PlanStepKind.SetSubStatus, SubStatusId: subStatus), new(PlanStepKind.Close, DispositionId: disposition)];

        await save.RunAsync(admin, h.AccountId, new ActionPlanInput(steps), default);

        Assert.Equal(steps, (await save.GetAsync(admin, h.AccountId, default)).Steps);
        var tags = scope.ServiceProvider.GetRequiredService<TagCatalog>();
        await Assert.ThrowsAsync<ConflictException>(() => tags.DeleteAsync(admin, tag, default));
    }

    [Fact]
    public async Task DeleteAccount_WithItsOwnDispositionInACloseStep_DeletesBoth()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var disposition = await AddDispositionAsync(h, "Spam", h.AccountId);
        await h.SetPlanAsync(new ActionPlanStep { Kind = PlanStepKind.Close, DispositionId = disposition });
        await using var db = h.Database.NewContext();

        // One statement, as the database cascades it: the account's steps and dispositions go together.
        await db.Accounts.Where(a => a.Id == h.AccountId).ExecuteDeleteAsync();

        Assert.False(await db.ActionPlanSteps.AnyAsync() || await db.Dispositions.AnyAsync());
    }

    private static async Task<int> AddTagAsync(RoutingHarness h, string name)
    {
        await using var db = h.Database.NewContext();
        var tag = new Tag { Name = name, CreatedAt = h.Now };
        db.Tags.Add(tag);
        await db.SaveChangesAsync();
        return tag.Id;
    }

    private static async Task<int> AddSubStatusAsync(RoutingHarness h, string name)
    {
        await using var db = h.Database.NewContext();
        var status = new SubStatus { Name = name, CreatedAt = h.Now };
        db.SubStatuses.Add(status);
        await db.SaveChangesAsync();
        return status.Id;
    }

    private static async Task<int> AddDispositionAsync(RoutingHarness h, string name, int? accountId, int? parentId = null)
    {
        await using var db = h.Database.NewContext();
        var disposition = new Disposition { Name = name, AccountId = accountId, ParentId = parentId, Level = parentId is null ? 1 : 2, CreatedAt = h.Now };
        db.Dispositions.Add(disposition);
        await db.SaveChangesAsync();
        return disposition.Id;
    }

    public sealed class OnSqlite() : InteractionStepTests(DatabaseProvider.Sqlite);

    [NeedsServer(NeedsServerAttribute.PostgreSql)]
    public sealed class OnPostgres() : InteractionStepTests(DatabaseProvider.Postgres);
}
