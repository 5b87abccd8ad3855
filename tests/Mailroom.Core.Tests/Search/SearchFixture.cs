using Mailroom.Core.Search;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;

namespace Mailroom.Core.Tests.Search;

/// <summary>The hand-built <see cref="SearchData"/> in one database of a provider, shared read-only by a test class.</summary>
public abstract class SearchFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    public SearchData Data { get; private set; } = null!;

    private TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = _database.NewContext();
        Data = await SearchData.SeedAsync(db);
    }

    public (MailroomDb Db, InteractionFinder Finder, AdvancedSearchQuery Advanced) Open()
    {
        var db = Database.NewContext();
        var finder = new InteractionFinder(db, Database.FullText);
        return (db, finder, new AdvancedSearchQuery(db, finder));
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteSearchFixture() : SearchFixture(DatabaseProvider.Sqlite);

public sealed class PostgresSearchFixture() : SearchFixture(DatabaseProvider.Postgres);
