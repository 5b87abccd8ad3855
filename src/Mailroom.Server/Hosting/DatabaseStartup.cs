using Mailroom.Core.Storage;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Hosting;

internal static class DatabaseStartup
{
    /// <summary>Applies pending migrations and creates the first administrator, printing its login once.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        await db.Database.MigrateAsync();

        await scope.ServiceProvider.GetRequiredService<SubStatusCatalog>().EnsureDefaultAsync(default);
        var configured = app.Configuration["MAILROOM_ADMIN_PASSWORD"];
        var (created, generated) = await scope.ServiceProvider.GetRequiredService<AdminBootstrap>().EnsureAdminAsync(configured, default);
        if (created)
        {
            // Printed once, to the console only: the hash is all the database keeps.
            Console.WriteLine($"""

                ==== Mailroom first start ====
                Administrator: {AdminBootstrap.DefaultEmail}
                Password:      {generated ?? "(from MAILROOM_ADMIN_PASSWORD)"}
                ==============================

                """);
        }
    }
}
