using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mailroom.Data.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for this provider.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MailroomDb>
{
    public MailroomDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<MailroomDb>();
        builder.UseMailroomSqlite("Data Source=design.db");
        return new MailroomDb(builder.Options);
    }
}
