using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.Integration.Outbound;

/// <summary>Postfix goes down while agents answer: nothing is lost and nothing is sent twice.</summary>
[Collection(MailServerCollection.Name)]
public sealed class SmtpOutageTests(OutboundApp app) : IClassFixture<OutboundApp>
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

        foreach (var id in messageIds)
        {
            await app.WaitForDeliveryAsync(id, d => d.GetProperty("state").GetString() == "sent", TimeSpan.FromSeconds(60));
        }

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
}
