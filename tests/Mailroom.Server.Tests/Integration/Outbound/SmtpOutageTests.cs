using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Xunit.Abstractions;

namespace Mailroom.Server.Tests.Integration.Outbound;

/// <summary>Postfix goes down while agents answer: nothing is lost and nothing is sent twice.</summary>
[Collection(MailServerCollection.Name)]
public sealed class SmtpOutageTests(OutboundApp app, ITestOutputHelper output) : IClassFixture<OutboundApp>
{
    [Fact]
    public async Task Replies_WhileSmtpIsDown_QueueAndAreDeliveredExactlyOnceWhenItIsBack()
    {
        var seeded = new List<IncomingMailSeed.Seeded>();
        var messageIds = new List<long>();
        await LocalMail.ControlAsync("stop-postfix");
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var s = await app.CustomerWritesAsync(app.SupportAccountId);
                seeded.Add(s);
                var response = await app.Agent.PostAsJsonAsync($"/api/interactions/{s.InteractionId}/reply", new { body = $"Answer {i}" });
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                messageIds.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetInt64());
            }

            foreach (var id in messageIds)
            {
                var delivery = await app.WaitForDeliveryAsync(id, d => d.GetProperty("attempts").GetInt32() >= 1 && d.GetProperty("state").GetString() == "queued");
                Assert.Contains("refused", delivery.GetProperty("lastError").GetString(), StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            await LocalMail.ControlAsync("start-postfix");
        }

        // Issue 23: the queue leaves within seconds of Postfix's return, not after a minute of backoff.
        var back = System.Diagnostics.Stopwatch.StartNew();
        foreach (var id in messageIds)
        {
            await app.WaitForDeliveryAsync(id, d => d.GetProperty("state").GetString() == "sent", TimeSpan.FromSeconds(60));
        }

        output.WriteLine($"all sent {back.Elapsed.TotalSeconds:F1} s after Postfix was back");
        Assert.InRange(back.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));

        foreach (var s in seeded)
        {
            await LocalMail.WaitForAsync("customer@customer.test", s.Subject);
        }

        // Give a wrongly repeated send time to arrive before counting.
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var s in seeded)
        {
            Assert.Equal(1, await OutboundApp.CountAsync("customer@customer.test", s.Subject));
        }
    }

    [Fact]
    public async Task Reply_WhileSmtpAuthenticationIsTemporarilyUnavailable_StaysQueuedAndIsDeliveredOnceWhenItIsBack()
    {
        var seeded = await app.CustomerWritesAsync(app.SupportAccountId);
        long messageId;
        // Postfix checks passwords through Dovecot: with Dovecot down it answers AUTH with 454 4.7.0, or, when its SASL
        // connection is gone before the greeting, drops the client. Either way the reply must stay queued.
        await LocalMail.ControlAsync("stop-dovecot");
        try
        {
            var response = await app.Agent.PostAsJsonAsync($"/api/interactions/{seeded.InteractionId}/reply", new { body = "Answer while auth is down" });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            messageId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetInt64();
            var delivery = await app.WaitForDeliveryAsync(messageId, d => d.GetProperty("attempts").GetInt32() >= 1 && d.GetProperty("state").GetString() != "sending");
            Assert.Equal("queued", delivery.GetProperty("state").GetString());
            var error = delivery.GetProperty("lastError").GetString()!;
            Assert.True(error.Contains("454", StringComparison.Ordinal) || error.Contains("disconnected", StringComparison.Ordinal), error);
        }
        finally
        {
            await LocalMail.ControlAsync("start-dovecot");
        }

        await app.WaitForDeliveryAsync(messageId, d => d.GetProperty("state").GetString() == "sent", TimeSpan.FromSeconds(60));
        await LocalMail.WaitForAsync("customer@customer.test", seeded.Subject);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await OutboundApp.CountAsync("customer@customer.test", seeded.Subject));
    }
}
