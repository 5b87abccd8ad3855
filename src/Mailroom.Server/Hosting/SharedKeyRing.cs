using System.Xml.Linq;
using Mailroom.Core;
using Mailroom.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Hosting;

/// <summary>
/// Where the Data Protection key ring lives (cookies, API media links, upload tickets, mailbox passwords):
/// <c>Mailroom:DataProtection:Keys</c> = <c>File</c> (default, <c>{DataDirectory}/keys</c>, one node) or
/// <c>Database</c> (the <c>DataProtectionKeys</c> table, which every node of a cluster reads). Switching to the
/// database imports the file ring's keys first, so a mailbox password encrypted before still decrypts.
/// </summary>
internal static class SharedKeyRing
{
    public const string Setting = "Mailroom:DataProtection:Keys";

    // Serializes the import when several nodes start at once (PostgreSQL): a key is never imported twice.
    private const long ImportLock = 0x4D52_0003;

    public static void AddMailroomDataProtection(this WebApplicationBuilder builder, MailroomOptions options)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("Mailroom");
        if (InDatabase(builder.Configuration))
        {
            protection.PersistKeysToDbContext<MailroomDb>();
        }
        else
        {
            protection.PersistKeysToFileSystem(FileRing(options));
        }
    }

    /// <summary>
    /// With the ring in the database: copies every key of the file ring the database does not have yet. Runs
    /// after the migrations and before anything is protected or unprotected; the files are left in place.
    /// </summary>
    public static async Task ImportFileRingAsync(this WebApplication app, MailroomDb db, CancellationToken ct)
    {
        var folder = FileRing(app.Services.GetRequiredService<MailroomOptions>());
        if (!InDatabase(app.Configuration) || !folder.Exists)
        {
            return;
        }

        var files = folder.GetFiles("key-*.xml");
        if (files.Length == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ImportLock})", ct);
        }

        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            // The file store names each file after its key ("key-{id}.xml"), as the database store names rows.
            var name = Path.GetFileNameWithoutExtension(file.Name);
            if (!known.Contains(name))
            {
                var xml = XElement.Load(file.FullName).ToString(SaveOptions.DisableFormatting);
                db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = xml });
                app.Logger.LogInformation("Data Protection key {Key} imported from {Folder} into the database", name, folder.FullName);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static bool InDatabase(IConfiguration configuration) =>
        string.Equals(configuration[Setting], "Database", StringComparison.OrdinalIgnoreCase);

    private static DirectoryInfo FileRing(MailroomOptions options) => new(Path.Combine(options.DataDirectory, "keys"));
}
