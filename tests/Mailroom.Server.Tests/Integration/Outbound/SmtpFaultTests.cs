using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Mailroom.TestSupport;
using Xunit.Abstractions;

namespace Mailroom.Server.Tests.Integration.Outbound;

/// <summary>
/// Issue 23: the connection to the real Postfix is cut in the middle of DATA (through a <see cref="FaultProxy"/>).
/// Postfix drops the half-received message, Mailroom counts it a temporary failure and sends it again: the
/// customer gets the reply exactly once (by Message-ID), and it is never Failed.
/// </summary>
[Collection(MailServerCollection.Name)]
public sealed class SmtpFaultTests(OutboundApp app, ITestOutputHelper output) : IClassFixture<OutboundApp>
{
    private const string Customer = "customer@customer.test";

    [Fact]
    public async Task Reply_ConnectionCutMidData_IsSentAgain_AndArrivesExactlyOnce()
    {
        await using var proxy = FaultProxy.Start(TestEnvironment.SmtpPort);
        var key = "D" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var accountId = await app.CreateAccountAsync(LocalMail.AccountBody("billing@example.test", key, transfer: new { }, smtpPort: proxy.Port), app.AgentId);
        // ~150 KB of text: the cut falls well inside the message, after the envelope and DATA's 354.
        var body = string.Join("<br>", Enumerable.Repeat("A long answer, line after line, to make DATA take a while.", 2500));
        for (var round = 0; round < 2; round++)
        {
            var seeded = await app.CustomerWritesAsync(accountId);
            proxy.CutNextConnectionsAfterClientBytes(20_000 + (round * 40_000));
            var response = await app.Agent.PostAsJsonAsync($"/api/interactions/{seeded.InteractionId}/reply", new { body });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var queued = await response.Content.ReadFromJsonAsync<JsonElement>();
            var messageId = queued.GetProperty("messageId").GetInt64();

            var delivery = await app.WaitForDeliveryAsync(messageId, d => d.GetProperty("state").GetString() is "sent" or "failed", TimeSpan.FromSeconds(60));
            output.WriteLine($"round {round}: {delivery}");
            Assert.Equal("sent", delivery.GetProperty("state").GetString());
            Assert.True(delivery.GetProperty("attempts").GetInt32() >= 2, $"the cut did not hit the send: {delivery}");
            await LocalMail.WaitForAsync(Customer, seeded.Subject);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(1, await CopiesAsync(queued.GetProperty("messageIdHeader").GetString()!));
        }
    }

    /// <summary>How many messages in the customer's INBOX carry the Message-ID.</summary>
    internal static async Task<int> CopiesAsync(string messageIdHeader)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(LocalMail.Host, TestEnvironment.ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(Customer, LocalMail.Passwords[Customer]);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        return (await imap.Inbox.SearchAsync(SearchQuery.HeaderContains("Message-ID", messageIdHeader.Trim('<', '>')))).Count;
    }
}
