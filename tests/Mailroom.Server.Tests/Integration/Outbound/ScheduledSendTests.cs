using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.Integration.Outbound;

/// <summary>Scheduled send against the real Postfix and Dovecot, as the agent who answered: it leaves at its minute, a cancelled one never.</summary>
[Collection(MailServerCollection.Name)]
public sealed class ScheduledSendTests(OutboundApp app) : IClassFixture<OutboundApp>
{
    // The soonest a send can be scheduled is a minute ahead: the test pays that minute once for both cases.
    private static readonly TimeSpan Ahead = TimeSpan.FromSeconds(65);

    [Fact]
    public async Task Scheduled_LeavesAtItsMinuteDatedThen_AndACancelledOneNeverReachesTheCustomer()
    {
        var kept = await app.CustomerWritesAsync(app.SupportAccountId);
        var cancelled = await app.CustomerWritesAsync(app.SupportAccountId);
        var sendAt = TimeProvider.System.GetUtcNow().UtcDateTime + Ahead;
        var keptId = await ScheduleAsync(kept.InteractionId, "<p>Good morning, your parcel left.</p>", sendAt);
        var cancelledId = await ScheduleAsync(cancelled.InteractionId, "<p>Never mind.</p>", sendAt);

        var delivery = await app.DeliveryAsync(keptId);
        Assert.Equal(sendAt, delivery.GetProperty("scheduledFor").GetDateTime(), TimeSpan.FromMilliseconds(1));
        var undo = await app.Agent.PostAsync($"/api/messages/{cancelledId}/undo", null);
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        Assert.Equal("<p>Never mind.</p>", (await undo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("body").GetString());

        await Task.Delay(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await OutboundApp.CountAsync("customer@customer.test", kept.Subject));
        var arrived = await LocalMail.WaitForAsync("customer@customer.test", kept.Subject, TimeSpan.FromSeconds(90));

        var sent = await app.WaitForDeliveryAsync(keptId, d => d.GetProperty("state").GetString() == "sent");
        var sentAt = sent.GetProperty("sentAt").GetDateTime();
        Assert.InRange(sentAt, sendAt, sendAt.AddSeconds(20));
        Assert.Equal(sendAt, arrived.Date.UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Equal(0, await OutboundApp.CountAsync("customer@customer.test", cancelled.Subject));
    }

    [Fact]
    public async Task Schedule_InThePast_IsA400NamingSendAt()
    {
        var seeded = await app.CustomerWritesAsync(app.SupportAccountId);
        var response = await app.Agent.PostAsJsonAsync($"/api/interactions/{seeded.InteractionId}/reply",
            new { body = "<p>Late.</p>", sendAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-5) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("sendAt", out _));
    }

    private async Task<long> ScheduleAsync(long interactionId, string body, DateTime sendAt)
    {
        var response = await app.Agent.PostAsJsonAsync($"/api/interactions/{interactionId}/reply", new { body, sendAt });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetInt64();
    }
}
