using System.Diagnostics;
using System.Globalization;
using Mailroom.Core;
using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Security;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Mailroom.Data.Postgres;
using Mailroom.Data.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Bench.Outbound;

internal static class OutboundBench
{
    public static async Task RunAsync(int count, double rate, int smtpPort, string? postgres)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mailroom-bench-" + Guid.NewGuid().ToString("N"));
        var options = new MailroomOptions { DataDirectory = dir };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddMailroomStorage(options, db =>
        {
            if (postgres is null)
            {
                db.UseMailroomSqlite(SqliteStorage.DefaultConnectionString(dir));
            }
            else
            {
                db.UseMailroomPostgres(postgres);
            }
        });
        builder.Services.AddMailroomCore();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddOutboundMail(new OutboundOptions());
        using var host = builder.Build();

        var (actor, interactions) = await SeedAsync(host.Services, count, smtpPort);
        await host.StartAsync();
        Console.WriteLine($"Queueing {count} replies at {rate}/s ({(postgres is null ? "SQLite" : "PostgreSQL")}, SMTP 127.0.0.1:{smtpPort})");
        var clock = Stopwatch.StartNew();
        var messageIds = new List<long>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            await using var scope = host.Services.CreateAsyncScope();
            var queued = await scope.ServiceProvider.GetRequiredService<Reply>()
                .RunAsync(actor, interactions[i], new ComposeInput { Body = $"<p>Answer {i}</p>" }, CancellationToken.None);
            messageIds.Add(queued.MessageId);
        }

        var queueSeconds = clock.Elapsed.TotalSeconds;
        await WaitUntilSentAsync(host.Services, count);
        await host.StopAsync();
        await ReportAsync(host.Services, queueSeconds);
    }

    private static async Task<(Actor, List<long>)> SeedAsync(IServiceProvider services, int count, int smtpPort)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        await db.Database.MigrateAsync();
        var secrets = scope.ServiceProvider.GetRequiredService<SecretProtector>();
        var blobs = scope.ServiceProvider.GetRequiredService<BlobStore>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var user = new User { Email = "bench@example.test", DisplayName = "Bench Agent", Role = Role.Admin, CreatedAt = now };
        var account = new EmailAccount
        {
            Name = "Support",
            Key = "SUP",
            Address = "support@example.test",
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = smtpPort, Secure = false, Username = "support@example.test", PasswordCipher = secrets.Protect("support-pass") },
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.AddRange(user, account);
        await db.SaveChangesAsync();
        var raw = await blobs.PutAsync("From: customer@customer.test\r\nTo: support@example.test\r\nSubject: Bench\r\n\r\nHello\r\n"u8.ToArray());
        var interactions = Enumerable.Range(0, count).Select(i => new Interaction
        {
            AccountId = account.Id,
            Subject = $"Bench {i}",
            CreatedAt = now,
            LastActivityAt = now,
        }).ToList();
        db.Interactions.AddRange(interactions);
        await db.SaveChangesAsync();
        db.Messages.AddRange(interactions.Select((x, i) => new Message
        {
            InteractionId = x.Id,
            AccountId = account.Id,
            Direction = MessageDirection.Incoming,
            Kind = MessageKind.Customer,
            MessageIdHeader = $"bench-{i}-{Guid.NewGuid():N}@customer.test",
            From = "customer@customer.test",
            To = "support@example.test",
            Subject = $"Bench {i}",
            RawSha256 = raw,
            CreatedAt = now,
        }));
        await db.SaveChangesAsync();
        return (new Actor(user.Id, Role.Admin), interactions.Select(x => x.Id).ToList());
    }

    private static async Task WaitUntilSentAsync(IServiceProvider services, int count)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(10))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
            var done = await db.Outbox.CountAsync(o => o.State == OutboxState.Sent || o.State == OutboxState.Failed);
            if (done >= count)
            {
                return;
            }

            await Task.Delay(250);
        }
    }

    private static async Task ReportAsync(IServiceProvider services, double queueSeconds)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var rows = await db.Outbox.AsNoTracking().Select(o => new { o.State, o.CreatedAt, o.SentAt, o.Attempts }).ToListAsync();
        var sent = rows.Where(r => r.SentAt is not null).ToList();
        var latencies = sent.Select(r => (r.SentAt!.Value - r.CreatedAt).TotalMilliseconds).Order().ToList();
        var span = (sent.Max(r => r.SentAt!.Value) - rows.Min(r => r.CreatedAt)).TotalSeconds;
        string Ms(double q) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(q * latencies.Count) - 1)].ToString("0", CultureInfo.InvariantCulture);
        Console.WriteLine($"queued {rows.Count} in {queueSeconds:0.0} s; sent {sent.Count}, failed {rows.Count(r => r.State == OutboxState.Failed)}, retried {rows.Count(r => r.Attempts > 1)}");
        Console.WriteLine($"throughput {sent.Count / span:0.0} msg/s over {span:0.0} s; queue→250 p50 {Ms(0.50)} ms, p95 {Ms(0.95)} ms, p99 {Ms(0.99)} ms, max {latencies[^1]:0} ms");
    }
}
