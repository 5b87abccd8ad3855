using Mailroom.Core.Search;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;

namespace Mailroom.Core.Tests.Search;

/// <summary>The hand-built <see cref="SearchData"/> in one SQLite and one PostgreSQL database, shared read-only.</summary>
public sealed class SearchFixture : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, (TestDatabase Database, SearchData Data)> _databases = [];

    public async Task InitializeAsync()
    {
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            var database = await TestDatabase.CreateAsync(provider);
            await using var db = database.NewContext();
            _databases[provider] = (database, await SearchData.SeedAsync(db));
        }
    }

    public SearchData Data(DatabaseProvider provider) => _databases[provider].Data;

    public (MailroomDb Db, InteractionFinder Finder, AdvancedSearchQuery Advanced) Open(DatabaseProvider provider)
    {
        var database = _databases[provider].Database;
        var db = database.NewContext();
        var finder = new InteractionFinder(db, database.FullText);
        return (db, finder, new AdvancedSearchQuery(db, finder));
    }

    public async Task DisposeAsync()
    {
        foreach (var (database, _) in _databases.Values)
        {
            await database.DisposeAsync();
        }
    }
}
