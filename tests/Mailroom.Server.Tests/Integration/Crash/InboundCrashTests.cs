using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Mailroom.Core;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Xunit.Abstractions;

namespace Mailroom.Server.Tests.Integration.Crash;

/// <summary>
/// Issue 3: kill -9 the ingesting process at random points while mail flows; after each restart it resumes
/// from its committed checkpoint, and in the end the stored set equals the delivered set with no duplicate.
/// </summary>
[Collection(MailServerCollection.Name)]
public sealed class InboundCrashTests(ITestOutputHelper output)
{
    private const string Support = "support@example.test";
    private const int Rounds = 6;
    private const int MessagesPerRound = 40;

    [Fact]
    public async Task Ingest_ProcessKilledAtRandomPointsWhileMailFlows_StoresEveryDeliveredMessageExactlyOnce()
    {
        var marker = "crash-" + Guid.NewGuid().ToString("N")[..8];
        var dataDirectory = Path.Combine(Path.GetTempPath(), "mailroom-crash-" + Guid.NewGuid().ToString("N"));
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var server = await ServerProcess.StartAsync(database, dataDirectory);
        try
        {
            using (var admin = await server.AdminClientAsync())
            {
                var created = await admin.PostAsJsonAsync("/api/accounts",
                    LocalMail.AccountBody(Support, "K" + marker[^4..].ToUpperInvariant(), transfer: new { accountTransferEnabled = false }));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            var random = new Random();
            var delivered = new List<string>();
            for (var round = 0; round < Rounds; round++)
            {
                // Mail flows in while the watcher ingests; the kill lands somewhere in fetch, blob write or commit.
                var storedBefore = (await StoredAsync(database, marker)).Count;
                var ids = await DeliverAsync(marker, round);
                delivered.AddRange(ids);
                // Kill only once this round's ingestion is under way (a slow start-up on a busy machine would
                // otherwise put every kill before the first fetch), then at a random point inside it.
                await WaitForAsync(database, marker, storedBefore + 1);
                await Task.Delay(random.Next(0, 300));
                var before = await StoredAsync(database, marker);
                await server.KillAsync();
                output.WriteLine($"round {round}: killed with {before.Count} of {delivered.Count} stored");
                await server.DisposeAsync();
                server = await ServerProcess.StartAsync(database, dataDirectory);
            }

            var stored = await WaitForAsync(database, marker, delivered.Count);
            Assert.Equal(delivered.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        }
        finally
        {
            await server.DisposeAsync();
            TryDelete(dataDirectory);
        }
    }

    private static async Task<List<string>> DeliverAsync(string marker, int round)
    {
        var directory = Directory.CreateTempSubdirectory("mailroom-crash-mail-");
        try
        {
            var ids = new List<string>();
            for (var i = 0; i < MessagesPerRound; i++)
            {
                var id = $"{marker}-{round.ToString(CultureInfo.InvariantCulture)}-{i.ToString(CultureInfo.InvariantCulture)}@customer.test";
                // One sender per mail: more than ten from one sender in five minutes is a flood, held by design.
                var message = LocalMail.Compose($"customer{round.ToString(CultureInfo.InvariantCulture)}x{i.ToString(CultureInfo.InvariantCulture)}@customer.test", Support, $"Crash {marker} {round}/{i}", new string('x', 200 + (i * 97 % 5000)));
                message.MessageId = id;
                await message.WriteToAsync(Path.Combine(directory.FullName, $"{i + 1}.eml"));
                ids.Add(id);
            }

            await LocalMail.ControlAsync("deliver", Support, directory.FullName);
            return ids;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Message-IDs stored with the marker, one entry per stored row (a duplicate would show twice).</summary>
    private static async Task<List<string>> StoredAsync(TestDatabase database, string marker)
    {
        await using var db = database.NewContext();
        return await db.Messages.AsNoTracking().Where(m => m.Subject.Contains(marker)).Select(m => m.MessageIdHeader!).ToListAsync();
    }

    private static async Task<List<string>> WaitForAsync(TestDatabase database, string marker, int count)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var stored = await StoredAsync(database, marker);
            // Past the count means a duplicate: stop waiting and let the comparison show it.
            if (stored.Count >= count || watch.Elapsed > TimeSpan.FromSeconds(120))
            {
                return stored;
            }

            await Task.Delay(100);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }
}
