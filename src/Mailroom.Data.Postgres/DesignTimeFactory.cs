using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mailroom.Data.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for this provider (no server needed).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MailroomDb>
{
    public MailroomDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<MailroomDb>();
        builder.UseMailroomPostgres("Host=127.0.0.1;Database=design");
        return new MailroomDb(builder.Options);
    }
}
