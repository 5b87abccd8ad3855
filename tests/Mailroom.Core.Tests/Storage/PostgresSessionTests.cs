using Mailroom.Core;
using Mailroom.Data.Postgres;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Storage;

/// <summary>How Mailroom's PostgreSQL sessions are set up.</summary>
public sealed class PostgresSessionTests
{
    [Fact]
    [NeedsServer(NeedsServerAttribute.PostgreSql)]
    public async Task Session_StartsNoParallelWorkers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = database.NewContext();

        var setting = await db.Database.SqlQueryRaw<string>("SELECT current_setting('max_parallel_workers_per_gather') AS \"Value\"").SingleAsync();

        Assert.Equal("0", setting);
    }

    [Theory]
    [InlineData("Host=h;Database=d", "-c max_parallel_workers_per_gather=0")]
    [InlineData("Host=h;Database=d;Options=-c statement_timeout=5000", "-c statement_timeout=5000 -c max_parallel_workers_per_gather=0")]
    [InlineData("Host=h;Database=d;Options=-c max_parallel_workers_per_gather=2", "-c max_parallel_workers_per_gather=2")]
    public void ConnectionString_AddsTheSetting_UnlessTheOperatorChoseOne(string given, string options)
    {
        var result = new Npgsql.NpgsqlConnectionStringBuilder(PostgresStorage.WithoutParallelWorkers(given));

        Assert.Equal(options, result.Options);
    }
}
