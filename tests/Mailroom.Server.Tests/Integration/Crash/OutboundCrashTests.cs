using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Storage;
using Mailroom.Server.Tests.Integration.Outbound;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Mailroom.Server.Tests.Integration.Crash;

/// <summary>
/// Issue 4: kill -9 the sending process while replies go out; after a restart every reply reaches the
/// customer. Delivery is at-least-once: a duplicate is allowed only for a row that was mid-send (claimed, 250
/// possibly given but not yet committed) at the moment of a kill — never for one recorded as sent.
/// </summary>
[Collection(MailServerCollection.Name)]
public sealed class OutboundCrashTests(ITestOutputHelper output)
{
    private const string Customer = "customer@customer.test";
    private const int Replies = 30;
    private const int Kills = 2;

    [Fact]
    public async Task Send_ProcessKilledWhileSending_DeliversEveryReplyAfterRestart_DuplicatingOnlyRowsCaughtMidSend()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "mailroom-crash-out-" + Guid.NewGuid().ToString("N"));
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = new Dictionary<string, string?>
        {
            ["Mailroom:Outbound:PollInterval"] = "00:00:00.200",
            ["Mailroom:Outbound:ClaimLease"] = "00:00:03",
        };
        var server = await ServerProcess.StartAsync(database, dataDirectory, settings);
        try
        {
            var subjects = await QueueRepliesAsync(server, database, dataDirectory);
            var midSend = new HashSet<long>();
            var random = new Random();
            for (var kill = 0; kill < Kills; kill++)
            {
                await Task.Delay(random.Next(0, 600));
                await server.KillAsync();
                await using (var db = database.NewContext())
                {
                    var states = await db.Outbox.AsNoTracking().Select(o => new { o.MessageId, o.State }).ToListAsync();
                    midSend.UnionWith(states.Where(s => s.State == OutboxState.Sending).Select(s => s.MessageId));
                    output.WriteLine($"kill {kill}: {string.Join(", ", states.GroupBy(s => s.State).Select(g => $"{g.Key} {g.Count()}"))}");
                }

                await server.DisposeAsync();
                server = await ServerProcess.StartAsync(database, dataDirectory, settings);
            }

            await WaitAllSentAsync(database);
            await using var check = database.NewContext();
            var rows = await check.Outbox.AsNoTracking().Join(check.Messages, o => o.MessageId, m => m.Id, (o, m) => new { o.MessageId, m.Subject, m.MessageIdHeader }).ToListAsync();
            foreach (var row in rows)
            {
                // Counted in the customer's mailbox by the reply's own Message-ID.
                var copies = await SmtpFaultTests.CopiesAsync(row.MessageIdHeader!);
                Assert.True(copies >= 1, $"reply '{row.Subject}' was lost");
                Assert.True(copies == 1 || midSend.Contains(row.MessageId), $"reply '{row.Subject}' arrived {copies} times but was never caught mid-send");
            }

            Assert.Equal(subjects.Count, rows.Count);
        }
        finally
        {
            await server.DisposeAsync();
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

    [Fact]
    public async Task Send_ProcessStoppedGracefullyWhileSending_LeavesNoClaimBehind_AndDeliversEveryReplyExactlyOnce()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "mailroom-stop-out-" + Guid.NewGuid().ToString("N"));
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        // The default 2-minute lease: a claim left behind would hold its reply past the wait below.
        var settings = new Dictionary<string, string?> { ["Mailroom:Outbound:PollInterval"] = "00:00:00.200" };
        var server = await ServerProcess.StartAsync(database, dataDirectory, settings);
        try
        {
            var subjects = await QueueRepliesAsync(server, database, dataDirectory);
            await server.StopAsync();
            await using (var db = database.NewContext())
            {
                var states = await db.Outbox.AsNoTracking().Select(o => o.State).ToListAsync();
                output.WriteLine($"after the stop: {string.Join(", ", states.GroupBy(s => s).Select(g => $"{g.Key} {g.Count()}"))}");
                Assert.DoesNotContain(OutboxState.Sending, states);
            }

            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(database, dataDirectory, settings);
            await WaitAllSentAsync(database);
            foreach (var subject in subjects)
            {
                Assert.Equal(1, await OutboundApp.CountAsync(Customer, subject));
            }
        }
        finally
        {
            await server.DisposeAsync();
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

    private static async Task<List<string>> QueueRepliesAsync(ServerProcess server, TestDatabase database, string dataDirectory)
    {
        using var admin = await server.AdminClientAsync();
        var created = await admin.PostAsJsonAsync("/api/accounts", LocalMail.AccountBody("support@example.test", "O" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant(),
            transfer: new { accountTransferEnabled = false }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var accountId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var email = $"crash-{Guid.NewGuid().ToString("N")[..8]}@example.test";
        var user = await admin.PostAsJsonAsync("/api/users", new { email, displayName = "Crash Agent", role = "agent", password = "agent-password-1" });
        user.EnsureSuccessStatusCode();
        var agentId = (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await admin.PostAsync($"/api/accounts/{accountId}/members/{agentId}", null)).EnsureSuccessStatusCode();

        using var agent = new HttpClient { BaseAddress = server.BaseAddress };
        var login = await agent.PostAsJsonAsync("/api/auth/token", new { email, password = "agent-password-1" });
        agent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        var blobs = new BlobStore(Path.Combine(dataDirectory, "blobs"));
        var subjects = new List<string>();
        for (var i = 0; i < Replies; i++)
        {
            await using var db = database.NewContext();
            var seeded = await IncomingMailSeed.CreateAsync(db, blobs, accountId, new IncomingMailSeed.Customer(), TimeProvider.System.GetUtcNow().UtcDateTime);
            var reply = await agent.PostAsJsonAsync($"/api/interactions/{seeded.InteractionId}/reply", new { body = "Answer before a crash" });
            Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
            subjects.Add(seeded.Subject);
        }

        return subjects;
    }

    private static async Task WaitAllSentAsync(TestDatabase database)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var db = database.NewContext();
            var pending = await db.Outbox.CountAsync(o => o.State != OutboxState.Sent);
            if (pending == 0)
            {
                return;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(90), $"{pending} replies still not sent after 90 s");
            await Task.Delay(200);
        }
    }
}
