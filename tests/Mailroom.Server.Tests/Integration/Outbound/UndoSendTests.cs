using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.Integration.Outbound;

/// <summary>Undo send against the real Postfix and Dovecot, as the agent who answered (not the admin).</summary>
[Collection(MailServerCollection.Name)]
public sealed class UndoSendTests(UndoSendTests.HeldApp app) : IClassFixture<UndoSendTests.HeldApp>
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Undo_WithinTheHold_NothingReachesTheCustomer_AndTheDraftHoldsTheText()
    {
        var seeded = await app.CustomerWritesAsync(app.SupportAccountId);
        var queued = await ReplyAsync(seeded.InteractionId, "<p>Your refund is on its way.</p>");
        var messageId = queued.GetProperty("messageId").GetInt64();
        var delivery = await app.DeliveryAsync(messageId);
        Assert.Equal("queued", delivery.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, delivery.GetProperty("undoUntil").ValueKind);

        var undo = await app.Agent.PostAsync($"/api/messages/{messageId}/undo", null);

        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        var draft = await undo.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("<p>Your refund is on its way.</p>", draft.GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Agent.GetAsync($"/api/messages/{messageId}/delivery")).StatusCode);
        // Well past the hold and several sender passes: the customer's real mailbox never gets it.
        await Task.Delay(Hold * 2);
        Assert.Equal(0, await OutboundApp.CountAsync("customer@customer.test", seeded.Subject));
    }

    [Fact]
    public async Task NoUndo_TheReplyLeavesAfterTheHold_AndCanNoLongerBeUndone()
    {
        var seeded = await app.CustomerWritesAsync(app.SupportAccountId);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var queued = await ReplyAsync(seeded.InteractionId, "<p>Done.</p>");
        var messageId = queued.GetProperty("messageId").GetInt64();

        await LocalMail.WaitForAsync("customer@customer.test", seeded.Subject);

        Assert.True(waited.Elapsed >= Hold, "delivered before the hold was over");
        var sent = await app.WaitForDeliveryAsync(messageId, d => d.GetProperty("state").GetString() == "sent");
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("undoUntil").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await app.Agent.PostAsync($"/api/messages/{messageId}/undo", null)).StatusCode);
    }

    private async Task<JsonElement> ReplyAsync(long interactionId, string body)
    {
        var response = await app.Agent.PostAsJsonAsync($"/api/interactions/{interactionId}/reply", new { body });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The outbound server with a short undo hold, long enough for a test to act within it.</summary>
    public sealed class HeldApp() : OutboundApp(new Dictionary<string, string?> { ["Mailroom:Outbound:UndoHold"] = "00:00:03" });
}
