using Mailroom.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mailroom.Data.Sqlite;

/// <summary>The embedded default: one SQLite file, WAL, foreign keys on.</summary>
public static class SqliteStorage
{
    public static DbContextOptionsBuilder UseMailroomSqlite(this DbContextOptionsBuilder builder, string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true };
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }

        return builder
            .UseSqlite(csb.ToString(), o => o.MigrationsAssembly(typeof(SqliteStorage).Assembly.GetName().Name))
            // SQLite cannot add a foreign key to a table, so EF rebuilds it with foreign keys off, outside the
            // transaction, and warns the developer about it on every first start; the administrator running
            // ./run.sh can do nothing with that warning.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning))
            .AddInterceptors(SqlitePragmas.Instance);
    }

    public static string DefaultConnectionString(string dataDirectory) =>
        $"Data Source={Path.Combine(dataDirectory, "mailroom.db")}";
}
