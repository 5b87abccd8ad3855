using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Integration.Outbound;

/// <summary>A process dies with messages queued or mid-send; the next process on the same database delivers them once.</summary>
[Collection(MailServerCollection.Name)]
public sealed class OutboxRestartTests
{
    [Fact]
    public async Task Restart_AfterACrashWithQueuedAndClaimedRows_DeliversEachExactlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync(Mailroom.Core.DatabaseProvider.Sqlite);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "mailroom-restart-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Mailroom:DataDirectory"] = dataDirectory,
            ["Mailroom:Outbound:PollInterval"] = "00:00:00.200",
            ["Mailroom:Outbound:ClaimLease"] = "00:00:02",
        };
        var subjects = new List<string>();
        long claimedMessageId;

        // The first process queues two replies but never sends (as if it died before its sender ran) …
        using (var first = new MailroomApp(database, settings: new Dictionary<string, string?>(settings) { ["Mailroom:Outbound:Enabled"] = "false" }))
        {
            var admin = await first.AdminClientAsync();
            var (agentId, agent) = await first.CreateUserAsync(admin);
            var response = await admin.PostAsJsonAsync("/api/accounts", LocalMail.AccountBody("support@example.test", "SUP", transfer: new { }));
            var accountId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            (await admin.PostAsync($"/api/accounts/{accountId}/members/{agentId}", null)).EnsureSuccessStatusCode();
            var messageIds = new List<long>();
            for (var i = 0; i < 2; i++)
            {
                await using var scope = first.Services.CreateAsyncScope();
                var seeded = await IncomingMailSeed.CreateAsync(scope.ServiceProvider.GetRequiredService<MailroomDb>(),
                    scope.ServiceProvider.GetRequiredService<BlobStore>(), accountId, new IncomingMailSeed.Customer(), TimeProvider.System.GetUtcNow().UtcDateTime);
                subjects.Add(seeded.Subject);
                var reply = await agent.PostAsJsonAsync($"/api/interactions/{seeded.InteractionId}/reply", new { body = "After the crash" });
                Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
                messageIds.Add((await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetInt64());
            }

            // … and it had claimed one of them (Sending, lease running) when it was killed.
            claimedMessageId = messageIds[1];
            await using var db = database.NewContext();
            await db.Outbox.Where(o => o.MessageId == claimedMessageId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Sending).SetProperty(o => o.Attempts, 1)
                    .SetProperty(o => o.NextAttemptAt, TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(2)));
        }

        using var second = new MailroomApp(database, settings: settings);
        _ = second.Server;
        foreach (var subject in subjects)
        {
            await LocalMail.WaitForAsync("customer@customer.test", subject, TimeSpan.FromSeconds(30));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var subject in subjects)
        {
            Assert.Equal(1, await OutboundApp.CountAsync("customer@customer.test", subject));
        }

        await using var check = database.NewContext();
        Assert.All(await check.Outbox.AsNoTracking().ToListAsync(), o => Assert.Equal(OutboxState.Sent, o.State));
        Assert.Equal(2, (await check.Outbox.AsNoTracking().FirstAsync(o => o.MessageId == claimedMessageId)).Attempts);
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }
}
