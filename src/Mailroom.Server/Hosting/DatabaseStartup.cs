using Mailroom.Core.Storage;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Hosting;

internal static class DatabaseStartup
{
    /// <summary>What the banner tells an operator who has lost the administrator's password.</summary>
    public const string ResetHint = "./run.sh --reset-admin-password";

    /// <summary>Applies pending migrations and creates the first administrator; the banner says how to sign in.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        await db.Database.MigrateAsync();
        await app.ImportFileRingAsync(db, default);

        await scope.ServiceProvider.GetRequiredService<SubStatusCatalog>().EnsureDefaultAsync(default);
        var bootstrap = scope.ServiceProvider.GetRequiredService<AdminBootstrap>();
        var configured = app.Configuration["MAILROOM_ADMIN_PASSWORD"];
        var (created, generated) = await bootstrap.EnsureAdminAsync(configured, default);
        var banner = app.Services.GetRequiredService<StartupBanner>();
        if (created)
        {
            // Shown once: the hash is all the database keeps.
            banner.Add($"Sign in:   {AdminBootstrap.DefaultEmail}   password: {generated ?? "(from MAILROOM_ADMIN_PASSWORD)"}");
            banner.Add("           (shown only at this first start: write it down, then change it under Admin > Agents)");
        }
        else
        {
            var admin = await bootstrap.FirstAdminAsync(default);
            banner.Add($"Sign in:   {admin?.Email} with the password printed at the first start");
            banner.Add($"           (lost it? stop Mailroom and run {ResetHint})");
        }
    }

    /// <summary><c>--reset-admin-password</c>: a new password for the first administrator, printed once.</summary>
    public static async Task ResetAdminPasswordAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (email, password) = await scope.ServiceProvider.GetRequiredService<AdminBootstrap>().ResetFirstAdminAsync(default);
        Console.WriteLine($"""

            ==== Mailroom administrator password reset ====
            Sign in:   {email}   password: {password}
            (the old password no longer works; start Mailroom again with ./run.sh)
            ===============================================

            """);
    }
}
