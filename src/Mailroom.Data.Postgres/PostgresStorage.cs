using Microsoft.EntityFrameworkCore;

namespace Mailroom.Data.Postgres;

/// <summary>The scale option: PostgreSQL through Npgsql.</summary>
public static class PostgresStorage
{
    public static DbContextOptionsBuilder UseMailroomPostgres(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresStorage).Assembly.GetName().Name));
}
