using Mailroom.Core;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Mail.Inbound.Leases;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Search;
using Mailroom.Core.Storage;
using Mailroom.Data.Postgres;
using Mailroom.Data.Postgres.Search;
using Mailroom.Data.Sqlite;
using Mailroom.Data.Sqlite.Search;
using Mailroom.Server.Api;
using Mailroom.Server.Auth;
using Mailroom.Server.Components;
using Mailroom.Server.Media;
using Mailroom.Server.Realtime;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;

namespace Mailroom.Server.Hosting;

/// <summary>Everything <c>Program.cs</c> wires up, one line per concern.</summary>
internal static class MailroomHostingExtensions
{
    public static void AddMailroom(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MailroomOptions.Section).Get<MailroomOptions>() ?? new MailroomOptions();
        options.DataDirectory = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        PublicOrigin.Validate(options);
        Directory.CreateDirectory(options.DataDirectory);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<StartupBanner>();

        builder.Services.AddMailroomStorage(options, db => UseConfiguredDatabase(db, options));
        builder.Services.AddSingleton<IFullTextSearch>(options.Database.Provider == DatabaseProvider.Postgres
            ? new PostgresFullTextSearch()
            : new SqliteFullTextSearch());
        builder.Services.AddMailroomCore();
        builder.Services.AddOutboundMail(builder.Configuration.GetSection(OutboundOptions.Section).Get<OutboundOptions>() ?? new OutboundOptions());
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = OutboundEndpoints.UploadRequestLimit);
        if (options.Database.Provider == DatabaseProvider.Postgres)
        {
            // Several nodes may share this database: each account is watched by the node holding its lock.
            builder.Services.AddSingleton<IMailboxLock>(sp => new PostgresAdvisoryLock(options.Database.ConnectionString!,
                TimeSpan.FromSeconds(options.Inbound.LeaseStaleSeconds), sp.GetRequiredService<ILogger<PostgresAdvisoryLock>>()));
        }

        builder.Services.AddInboundMail(options);
        builder.AddMailroomDataProtection(options);

        builder.AddMailroomAuth(options.Sso);
        builder.AddMailroomRealtime();
        builder.AddMessageMediaProxy();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(EnumSpelling.Converter()));
        builder.Services.AddMailroomOpenApi();
        builder.Services.AddHealthChecks();
        builder.AddMailroomUi();
    }

    public static void UseMailroom(this WebApplication app)
    {
        app.UseMailroomSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseTwoFactorGate();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapApiReference();
        app.MapHealthChecks("/health");
        app.MapMailroomApi();
        app.MapMediaEndpoints();
        app.MapMailroomRealtime();
        app.MapMailroomUi();
    }

    private static void UseConfiguredDatabase(Microsoft.EntityFrameworkCore.DbContextOptionsBuilder db, MailroomOptions options)
    {
        var connectionString = options.Database.ConnectionString;
        switch (options.Database.Provider)
        {
            case DatabaseProvider.Postgres:
                db.UseMailroomPostgres(connectionString
                    ?? throw new InvalidOperationException("Mailroom:Database:ConnectionString is required when Mailroom:Database:Provider is Postgres."));
                break;
            default:
                db.UseMailroomSqlite(connectionString ?? SqliteStorage.DefaultConnectionString(options.DataDirectory));
                break;
        }
    }
}
