using Mailroom.Core.Accounts;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Drafts;
using Mailroom.Core.Interactions;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Tags;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Core.Tests.Work;

/// <summary>What the database itself guarantees for drafts, tags, sub-statuses and dispositions, on both providers.</summary>
public abstract class WorkStorageTests(DatabaseProvider provider)
{
    private static readonly DateTime Now = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Draft_OnePerInteractionPerAgent_IsEnforcedByTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (interactionId, userId) = await SeedAsync(database);
        await using (var db = database.NewContext())
        {
            db.Drafts.Add(new Draft { InteractionId = interactionId, UserId = userId, CreatedAt = Now, UpdatedAt = Now });
            await db.SaveChangesAsync();
        }

        await using var second = database.NewContext();
        second.Drafts.Add(new Draft { InteractionId = interactionId, UserId = userId, CreatedAt = Now, UpdatedAt = Now });
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task Pending_IsCreatedOnce_AndAdministratorsCanStillAddSubStatusesAfterIt()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Now);
        await using (var db = database.NewContext())
        {
            await new SubStatusCatalog(db, time).EnsureDefaultAsync(default);
            await new SubStatusCatalog(db, time).EnsureDefaultAsync(default);
            await new SubStatusCatalog(db, time).CreateAsync(new Common.Actor(1, Role.Admin), new SubStatusInput("Waiting"), default);
        }

        await using var check = database.NewContext();
        Assert.Equal(["Pending", "Waiting"], await check.SubStatuses.OrderBy(s => s.Id).Select(s => s.Name).ToListAsync());
    }

    [Fact]
    public async Task DeletingASubStatusTagOrDisposition_LeavesTheInteraction_WithoutIt()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (interactionId, _) = await SeedAsync(database);
        await using (var db = database.NewContext())
        {
            var status = db.SubStatuses.Add(new SubStatus { Name = "Later", CreatedAt = Now }).Entity;
            var tag = db.Tags.Add(new Tag { Name = "vip", CreatedAt = Now }).Entity;
            var disposition = db.Dispositions.Add(new Disposition { Name = "Solved", CreatedAt = Now }).Entity;
            await db.SaveChangesAsync();
            var interaction = await db.Interactions.SingleAsync(i => i.Id == interactionId);
            interaction.SubStatusId = status.Id;
            interaction.DispositionId = disposition.Id;
            db.InteractionTags.Add(new InteractionTag { InteractionId = interactionId, TagId = tag.Id });
            await db.SaveChangesAsync();
            db.RemoveRange(status, tag, disposition);
            await db.SaveChangesAsync();
        }

        await using var check = database.NewContext();
        var after = await check.Interactions.AsNoTracking().SingleAsync(i => i.Id == interactionId);
        Assert.Equal((null, null), (after.SubStatusId, after.DispositionId));
        Assert.Equal(0, await check.InteractionTags.CountAsync());
    }

    private static async Task<(long InteractionId, int UserId)> SeedAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var account = new EmailAccount { Name = "W", Key = "W", Address = "w@example.test", CreatedAt = Now, UpdatedAt = Now };
        var user = new User { Email = "a@example.test", DisplayName = "A", CreatedAt = Now };
        db.AddRange(account, user);
        await db.SaveChangesAsync();
        var interaction = new Interaction { AccountId = account.Id, CreatedAt = Now, LastActivityAt = Now };
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync();
        return (interaction.Id, user.Id);
    }

    public sealed class OnSqlite() : WorkStorageTests(DatabaseProvider.Sqlite);

    [NeedsServer(NeedsServerAttribute.PostgreSql)]
    public sealed class OnPostgres() : WorkStorageTests(DatabaseProvider.Postgres);
}
