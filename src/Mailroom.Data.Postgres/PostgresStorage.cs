using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mailroom.Data.Postgres;

/// <summary>The scale option: PostgreSQL through Npgsql.</summary>
public static class PostgresStorage
{
    public static DbContextOptionsBuilder UseMailroomPostgres(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(WithoutParallelWorkers(connectionString), o => o.MigrationsAssembly(typeof(PostgresStorage).Assembly.GetName().Name));

    /// <summary>
    /// Mailroom's queries are short index lookups bounded by a limit; starting parallel workers for them costs
    /// more than it saves (a rare-word search at a million messages: 70 ms with a worker, 1.3 ms without, on two
    /// cores) and takes cores from the other requests. An operator who wants them sets the parameter in the
    /// connection string's Options, which is then left alone.
    /// </summary>
    public static string WithoutParallelWorkers(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("max_parallel_workers_per_gather", StringComparison.Ordinal) != true)
        {
            builder.Options = $"{builder.Options} -c max_parallel_workers_per_gather=0".Trim();
        }

        return builder.ConnectionString;
    }
}
