using Mailroom.Core;
using Mailroom.Core.Search;
using Mailroom.Core.Storage;
using Mailroom.Data.Postgres;
using Mailroom.Data.Postgres.Search;
using Mailroom.Data.Sqlite;
using Mailroom.Data.Sqlite.Search;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mailroom.TestSupport;

/// <summary>A fresh, migrated database of either provider, private to one test or fixture.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string connectionString, string? directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Directory = directory;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    private string? Directory { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        TestDatabase db;
        if (provider == DatabaseProvider.Postgres)
        {
            var name = "t_" + Guid.NewGuid().ToString("N")[..16];
            await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }

            db = new TestDatabase(provider, new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = name }.ToString(), null);
        }
        else
        {
            var dir = Path.Combine(Path.GetTempPath(), "mailroom-test-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(dir);
            db = new TestDatabase(provider, SqliteStorage.DefaultConnectionString(dir), dir);
        }

        await using var context = db.NewContext();
        await context.Database.MigrateAsync();
        return db;
    }

    /// <summary>
    /// A database that outlives the process (benchmarks reuse a generated million messages between runs): a
    /// SQLite file in the folder <paramref name="place"/>, or the PostgreSQL database of that name in the
    /// MAILROOM_TEST_PG cluster. Created and migrated when missing, never deleted.
    /// </summary>
    public static async Task<TestDatabase> OpenKeptAsync(DatabaseProvider provider, string place)
    {
        TestDatabase db;
        if (provider == DatabaseProvider.Postgres)
        {
            await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString))
            {
                await admin.OpenAsync();
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
                exists.Parameters.AddWithValue("name", place);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{place.Replace("\"", "", StringComparison.Ordinal)}\"", admin);
                    await create.ExecuteNonQueryAsync();
                }
            }

            db = new TestDatabase(provider, new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = place }.ToString(), null);
        }
        else
        {
            System.IO.Directory.CreateDirectory(place);
            db = new TestDatabase(provider, SqliteStorage.DefaultConnectionString(place), directory: null);
        }

        await using var context = db.NewContext();
        await context.Database.MigrateAsync();
        return db;
    }

    public void Configure(DbContextOptionsBuilder builder)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            builder.UseMailroomPostgres(ConnectionString);
        }
        else
        {
            builder.UseMailroomSqlite(ConnectionString);
        }
    }

    /// <summary>For code that makes its own units of work (the ingestor, the outbox sender's lanes).</summary>
    public IDbContextFactory<MailroomDb> ContextFactory() => new Factory(this);

    /// <summary>The provider's full-text index, as the server registers it.</summary>
    public IFullTextSearch FullText => Provider == DatabaseProvider.Postgres ? new PostgresFullTextSearch() : new SqliteFullTextSearch();

    public MailroomDb NewContext()
    {
        var builder = new DbContextOptionsBuilder<MailroomDb>();
        Configure(builder);
        return new MailroomDb(builder.Options);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a background worker; the temp folder is cleaned by the OS.
            }
        }

        return ValueTask.CompletedTask;
    }

    private sealed class Factory(TestDatabase database) : IDbContextFactory<MailroomDb>
    {
        public MailroomDb CreateDbContext() => database.NewContext();
    }
}
