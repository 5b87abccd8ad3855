using Mailroom.Core.Common;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Interactions;
using Mailroom.Core.Search;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Tags;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Search;

/// <summary>
/// What a list row names (tags, sub-status, disposition), the tag filter and the agent choices, on both providers,
/// against <see cref="SearchData"/> plus tags: Refund carries "vip" and "urgent" and the sub-status "Waiting";
/// Invoice carries "vip"; Delivery was disposed "Refunded".
/// </summary>
public abstract class InteractionRowTests(DatabaseProvider provider)
{
    private static readonly Actor Admin = new(0, Role.Admin);

    [Fact]
    public async Task Rows_NameTheirTagsSubStatusAndDisposition()
    {
        await using var world = await TaggedWorld.CreateAsync(provider);
        await using var db = world.Database.NewContext();
        var finder = new InteractionFinder(db, world.Database.FullText);

        var rows = await InteractionRows.Project(db, (await finder.FilterAsync(Admin, new InteractionFilter(), default)).Newest().Page(0, 50)).ToListAsync();

        var refund = rows.Single(r => r.Id == world.Data.Refund);
        Assert.Equal(["urgent", "vip"], refund.Tags);
        Assert.Equal("Waiting", refund.SubStatusName);
        Assert.Null(refund.DispositionName);
        var delivery = rows.Single(r => r.Id == world.Data.Delivery);
        Assert.Empty(delivery.Tags);
        Assert.Equal("Refunded", delivery.DispositionName);
        Assert.Equal(["vip"], rows.Single(r => r.Id == world.Data.Invoice).Tags);
    }

    [Fact]
    public async Task TagFilter_KeepsInteractionsCarryingAnyChosenTag()
    {
        await using var world = await TaggedWorld.CreateAsync(provider);
        await using var db = world.Database.NewContext();
        var finder = new InteractionFinder(db, world.Database.FullText);

        async Task<List<long>> ListAsync(params int[] tags) =>
            await (await finder.FilterAsync(Admin, new InteractionFilter(TagIds: tags), default)).Newest().Select(i => i.Id).ToListAsync();

        Assert.Equal([world.Data.Refund], await ListAsync(world.Urgent));
        Assert.Equal([world.Data.Invoice, world.Data.Refund], await ListAsync(world.Vip));
        Assert.Equal([world.Data.Invoice, world.Data.Refund], await ListAsync(world.Vip, world.Urgent));
        Assert.Equal([world.Data.Invoice, world.Data.Delivery, world.Data.Refund], await ListAsync());
    }

    [Fact]
    public async Task AgentChoices_OfAnAgent_AreThePeopleSharingTheirAccounts()
    {
        await using var world = await TaggedWorld.CreateAsync(provider);
        await using var db = world.Database.NewContext();
        var outsider = new User { Email = "olga@example.test", DisplayName = "Olga Outsider", CreatedAt = SearchData.Day1 };
        db.Users.Add(outsider);
        await db.SaveChangesAsync();
        var choices = new AgentChoices(db);

        var alices = await choices.ListAsync(new Actor(world.Data.Alice, Role.Agent), default);
        var admins = await choices.ListAsync(Admin, default);

        Assert.Equal(["Alice Agent", "Bob Builder"], alices.Select(a => a.Name));
        Assert.Contains(admins, a => a.Id == outsider.Id);
    }

    private sealed class TaggedWorld : IAsyncDisposable
    {
        public required TestDatabase Database { get; init; }
        public required SearchData Data { get; init; }
        public int Vip { get; private set; }
        public int Urgent { get; private set; }

        public static async Task<TaggedWorld> CreateAsync(DatabaseProvider provider)
        {
            var database = await TestDatabase.CreateAsync(provider);
            await using var db = database.NewContext();
            var world = new TaggedWorld { Database = database, Data = await SearchData.SeedAsync(db) };
            var vip = new Tag { Name = "vip", CreatedAt = SearchData.Day1 };
            var urgent = new Tag { Name = "urgent", CreatedAt = SearchData.Day1 };
            var waiting = new SubStatus { Name = "Waiting", CreatedAt = SearchData.Day1 };
            var refunded = new Disposition { Name = "Refunded", CreatedAt = SearchData.Day1 };
            db.AddRange(vip, urgent, waiting, refunded);
            await db.SaveChangesAsync();
            db.InteractionTags.AddRange(new InteractionTag { InteractionId = world.Data.Refund, TagId = vip.Id },
                new InteractionTag { InteractionId = world.Data.Refund, TagId = urgent.Id }, new InteractionTag { InteractionId = world.Data.Invoice, TagId = vip.Id });
            await db.Interactions.Where(i => i.Id == world.Data.Refund).ExecuteUpdateAsync(s => s.SetProperty(i => i.SubStatusId, (int?)waiting.Id));
            await db.Interactions.Where(i => i.Id == world.Data.Delivery).ExecuteUpdateAsync(s => s.SetProperty(i => i.DispositionId, (int?)refunded.Id));
            await db.SaveChangesAsync();
            (world.Vip, world.Urgent) = (vip.Id, urgent.Id);
            return world;
        }

        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    public sealed class OnSqlite() : InteractionRowTests(DatabaseProvider.Sqlite);

    [NeedsServer(NeedsServerAttribute.PostgreSql)]
    public sealed class OnPostgres() : InteractionRowTests(DatabaseProvider.Postgres);
}
