using System.Diagnostics;
using System.Security.Cryptography;
using MailKit;
using Mailroom.TestSupport;
using MimeKit;
using Xunit.Abstractions;

namespace Mailroom.Server.Tests.Integration.Inbound;

/// <summary>
/// The network between Mailroom and a real Dovecot misbehaves (through a <see cref="FaultProxy"/>): inbound
/// recovers by itself within seconds, and the mailbox's Message-IDs equal the stored ones, each stored once.
/// </summary>
[Collection(MailServerCollection.Name)]
public sealed class ConnectionFaultTests(ITestOutputHelper output)
{
    private const string Support = "support@example.test";
    private const string Customer = "customer@customer.test";

    [Fact]
    public async Task Watcher_LinkGoesSilentMidIdle_DropsItAfterTheSilenceLimit_AndStoresWhatArrivedMeanwhile()
    {
        await LocalMail.ControlAsync("reset", Support);
        await using var proxy = FaultProxy.Start(TestEnvironment.ImapPort);
        // A short limit for the test; renewing IDLE every second keeps a healthy link talking well within it.
        await using var harness = await InboundHarness.StartAsync(Support, new Dictionary<string, string?>
        {
            ["Mailroom:Inbound:SilenceLimitSeconds"] = "3",
            ["Mailroom:Inbound:IdleRenewalSeconds"] = "1",
        }, proxy.Port);
        var marker = Guid.NewGuid().ToString("N");
        await LocalMail.SendAsync(LocalMail.Compose(Customer, Support, $"Before {marker}", "one"));
        await harness.WaitForMessagesAsync(marker);
        await harness.WaitForIdleAsync();
        var connectionsBefore = proxy.Connections;

        proxy.SilenceOpenConnections();
        var silentSince = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            await LocalMail.SendAsync(LocalMail.Compose(Customer, Support, $"While silent {i} {marker}", "two"));
        }

        await harness.WaitForMessagesAsync(marker, 4, TimeSpan.FromSeconds(30));
        output.WriteLine($"recovered {silentSince.Elapsed.TotalSeconds:F1} s after the link went silent; {proxy.Connections} connections; {await harness.WatcherAsync()}");
        // 3 s of silence, at most 0.75 s to notice, at most 1 s of backoff, then a fresh session.
        Assert.InRange(silentSince.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15));
        Assert.True(proxy.Connections > connectionsBefore);
        await harness.AssertMailboxEqualsStoredAsync();
    }

    [Fact]
    public async Task Watcher_ConnectionCutInTheMiddleOfABodyLiteral_RefetchesIt_StoringTheExactBytesOnce()
    {
        await LocalMail.ControlAsync("reset", Support);
        await using var proxy = FaultProxy.Start(TestEnvironment.ImapPort);
        await using var harness = await InboundHarness.StartAsync(Support, imapPort: proxy.Port);
        await harness.WaitForIdleAsync();
        var marker = Guid.NewGuid().ToString("N");
        var big = LocalMail.Compose(Customer, Support, $"Big {marker}", string.Join("\r\n", Enumerable.Repeat(new string('x', 76), 4000)));
        var file = Path.Combine(Path.GetTempPath(), $"mailroom-cut-{marker}.eml");
        await big.WriteToAsync(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, file);

        // The announcement and the size listing pass; the connection dies 100 KB into the 300 KB literal.
        proxy.CutOpenConnectionsAfterServerBytes(100_000);
        await LocalMail.ControlAsync("deliver", Support, file);

        var stored = (await harness.WaitForMessagesAsync(marker, 1, TimeSpan.FromSeconds(30))).Single();
        File.Delete(file);
        Assert.True(proxy.Connections >= 2, "the connection was not cut");
        Assert.Equal(await ServerShaAsync(stored.Uid!.Value), stored.RawSha256);
        await harness.AssertMailboxEqualsStoredAsync();
    }

    /// <summary>The SHA-256 of the message's bytes as Dovecot serves them, fetched around the proxy.</summary>
    private static async Task<string> ServerShaAsync(long uid)
    {
        using var imap = await InboundHarness.OpenMailboxAsync(Support);
        await using var body = await imap.Inbox.GetStreamAsync(new UniqueId((uint)uid), "");
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(body));
    }
}
