using System.Diagnostics;
using System.Security.Cryptography;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Xunit.Abstractions;

namespace Mailroom.Server.Tests.Integration.Inbound;

/// <summary>
/// Issue 23: the real Dovecot goes away and comes back, or expunges mail while Mailroom fetches it. Inbound is
/// live again within seconds of the server's return, stores what the mailbox holds exactly once, and an expunged
/// message is never a problem for an administrator. The bounds are generous for a loaded 2-core machine: they
/// catch a stall of a minute (the old 60 s backoff), not a slow second.
/// </summary>
[Collection(MailServerCollection.Name)]
public sealed class ServerOutageTests(ITestOutputHelper output)
{
    private const string Support = "support@example.test";
    private const string Customer = "customer@customer.test";
    private static readonly TimeSpan LiveAgainWithin = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Watcher_DovecotDownWhileMailArrives_IsLiveAgainWithinSecondsOfItsReturn_StoringEachOnce(bool kill)
    {
        await LocalMail.ControlAsync("reset", Support);
        await using var harness = await InboundHarness.StartAsync(Support);
        var marker = Guid.NewGuid().ToString("N");
        await LocalMail.SendAsync(LocalMail.Compose(Customer, Support, $"Before {marker}", "one"));
        await harness.WaitForMessagesAsync(marker);
        await harness.WaitForIdleAsync();

        await LocalMail.ControlAsync(kill ? ["stop-dovecot", "--kill"] : ["stop-dovecot"]);
        try
        {
            // Postfix takes the mail into its local queue and holds it until Dovecot is back (its SMTP port, which asks
            // Dovecot about SASL, drops clients meanwhile); the watcher meanwhile backs off.
            for (var i = 0; i < 3; i++)
            {
                await LocalMail.QueueAsync(LocalMail.Compose(Customer, Support, $"During the outage {i} {marker}", "two"));
            }

            await Task.Delay(TimeSpan.FromSeconds(6));
        }
        finally
        {
            await LocalMail.ControlAsync("start-dovecot");
        }

        var back = Stopwatch.StartNew();
        await harness.WaitForMessagesAsync(marker, 4, TimeSpan.FromSeconds(60));
        output.WriteLine($"live again {back.Elapsed.TotalSeconds:F1} s after Dovecot was back ({(kill ? "killed" : "stopped")}); {await harness.WatcherAsync()}");
        Assert.InRange(back.Elapsed, TimeSpan.Zero, LiveAgainWithin);
        await harness.AssertMailboxEqualsStoredAsync();
    }

    [Fact]
    public async Task Watcher_MessagesExpungedWhileTheyAreFetched_AreSkipped_NeverAProblem_AndTheRestIsByteExact()
    {
        await LocalMail.ControlAsync("reset", Support);
        await using var harness = await InboundHarness.StartAsync(Support);
        await harness.WaitForIdleAsync();
        var marker = Guid.NewGuid().ToString("N");
        var shas = new Dictionary<string, string>();
        for (var round = 0; round < 3; round++)
        {
            var dir = Directory.CreateTempSubdirectory("mailroom-expunge-");
            for (var i = 0; i < 150; i++)
            {
                // A sender each: 150 from one address would be held as a flood instead of stored (HoldPolicy).
                var message = LocalMail.Compose($"c{round}-{i}@customer.test", Support, $"Expunged soon {round}/{i} {marker}", string.Join("\r\n", Enumerable.Repeat(new string('y', 76), 200)));
                var file = Path.Combine(dir.FullName, $"{i + 1}.eml");
                await message.WriteToAsync(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, file);
                shas[message.MessageId!] = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)));
            }

            // Dovecot announces them at once and the watcher starts fetching; the mailbox is emptied under it.
            await LocalMail.ControlAsync("deliver", Support, dir.FullName);
            await Task.Delay(Random.Shared.Next(0, 300));
            await LocalMail.ControlAsync("reset", Support);
            dir.Delete(recursive: true);
            output.WriteLine($"round {round}: {(await harness.MessagesAsync($"Expunged soon {round}/")).Count} of 150 stored before the expunge won");
        }

        // Still live: the next message arrives as usual.
        await LocalMail.SendAsync(LocalMail.Compose(Customer, Support, $"After the expunges {marker}", "three"));
        await harness.WaitForMessagesAsync($"After the expunges {marker}");

        await using var db = harness.Database.NewContext();
        Assert.Empty(await db.IngestProblems.AsNoTracking().Where(p => p.AccountId == harness.AccountId).Select(p => p.Reason).ToListAsync());
        var stored = (await harness.MessagesAsync("Expunged soon")).Where(m => m.Subject.Contains(marker)).ToList();
        Assert.Equal(stored.Count, stored.Select(m => m.MessageIdHeader).Distinct().Count());
        Assert.All(stored, m => Assert.Equal(shas[m.MessageIdHeader!], m.RawSha256));
    }
}
