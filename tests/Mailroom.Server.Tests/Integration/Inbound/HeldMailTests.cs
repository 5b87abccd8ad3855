using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Integration.Inbound;

/// <summary>The Held stage against the real Postfix and Dovecot: what it holds never reaches routing, and release routes it.</summary>
[Collection(MailServerCollection.Name)]
public sealed class HeldMailTests
{
    private const string Sales = "sales@example.test";

    [Fact]
    public async Task Flood_ThirtyFromOneSender_RoutesTen_HoldsTwenty_AndReleaseRoutesOne()
    {
        await LocalMail.ControlAsync("reset", Sales);
        await using var harness = await InboundHarness.StartAsync(Sales);
        var marker = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 30; i++)
        {
            await LocalMail.SendAsync(LocalMail.Compose("customer@customer.test", Sales, $"Loop {i} {marker}", "again"));
        }

        await LocalMail.SendAsync(LocalMail.Compose("customer2@customer.test", Sales, $"A person {marker}", "hello"));
        await harness.WaitForMessagesAsync($"A person {marker}");

        var held = await WaitForHeldAsync(harness, 20);
        Assert.All(held, h => Assert.Equal(("flood", "customer@customer.test"), (h.GetProperty("reason").GetString(), h.GetProperty("from").GetString())));
        Assert.Equal(10, (await harness.MessagesAsync("Loop ")).Count);
        var release = await harness.Admin.PostAsync($"/api/accounts/{harness.AccountId}/held/{held[0].GetProperty("id").GetInt64()}/release", null);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        var messageId = (await release.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetInt64();
        await using var db = harness.Database.NewContext();
        var released = await db.Messages.Include(m => m.Attachments).SingleAsync(m => m.Id == messageId);
        Assert.Equal(InteractionStatus.Open, (await harness.InteractionAsync(released.InteractionId)).Status);
        Assert.Equal(19, (await HeldAsync(harness)).Count);
    }

    [Fact]
    public async Task OutOfOffice_IsHeld_NeverAnInteraction()
    {
        await LocalMail.ControlAsync("reset", Sales);
        await using var harness = await InboundHarness.StartAsync(Sales);
        var marker = Guid.NewGuid().ToString("N");
        var reply = LocalMail.Compose("customer@customer.test", Sales, $"Out of Office: Re: your order {marker}", "I am away until Monday.");
        reply.Headers.Add("Auto-Submitted", "auto-replied");
        await LocalMail.SendAsync(reply);
        await LocalMail.SendAsync(LocalMail.Compose("customer2@customer.test", Sales, $"A person {marker}", "hello"));
        await harness.WaitForMessagesAsync($"A person {marker}");

        var held = Assert.Single(await WaitForHeldAsync(harness, 1));
        Assert.Equal(("automatic", "Auto-Submitted: auto-replied"), (held.GetProperty("reason").GetString(), held.GetProperty("detail").GetString()));
        Assert.Empty(await harness.MessagesAsync("Out of Office"));
    }

    [Fact]
    public async Task PostfixBounce_ForAnUnknownLocalRecipient_MarksTheOutgoingMessage_AndOpensNoInteraction()
    {
        await LocalMail.ControlAsync("reset", Sales);
        await using var harness = await InboundHarness.StartAsync(Sales);
        var marker = Guid.NewGuid().ToString("N");
        var subject = $"Re: your order {marker}";
        var sent = LocalMail.Compose(Sales, "ghost@example.test", subject, "Your parcel left today.");
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        long outgoingId;
        await using (var db = harness.Database.NewContext())
        {
            // What the outbox leaves behind for a reply Postfix accepted with 250.
            var interaction = db.Interactions.Add(new Interaction { AccountId = harness.AccountId, Subject = subject, CreatedAt = now }).Entity;
            await db.SaveChangesAsync();
            var message = db.Messages.Add(new Message
            {
                InteractionId = interaction.Id,
                AccountId = harness.AccountId,
                Direction = MessageDirection.Outgoing,
                MessageIdHeader = sent.MessageId ?? "",
                From = Sales,
                To = "ghost@example.test",
                Subject = subject,
                RawSha256 = "none",
                CreatedAt = now,
            }).Entity;
            await db.SaveChangesAsync();
            db.Outbox.Add(new OutboxItem { MessageId = message.Id, AccountId = harness.AccountId, State = OutboxState.Sent, CreatedAt = now });
            await db.SaveChangesAsync();
            outgoingId = message.Id;
        }

        await LocalMail.SendAsync(sent);

        var held = Assert.Single(await WaitForHeldAsync(harness, 1, TimeSpan.FromSeconds(60)));
        Assert.Equal("bounce", held.GetProperty("reason").GetString());
        Assert.Contains("ghost@example.test", held.GetProperty("detail").GetString());
        await using var check = harness.Database.NewContext();
        var item = await check.Outbox.SingleAsync(o => o.MessageId == outgoingId);
        Assert.Equal(OutboxState.Bounced, item.State);
        Assert.StartsWith("failed ghost@example.test 5.1.1", item.LastError);
        Assert.Equal(1, await check.Interactions.CountAsync());
    }

    [Fact]
    public async Task BlockedDomain_ItsMailIsHeldAsBlocked_AnotherDomainRoutes()
    {
        await LocalMail.ControlAsync("reset", Sales);
        await using var harness = await InboundHarness.StartAsync(Sales);
        var marker = Guid.NewGuid().ToString("N");
        var rule = await harness.Admin.PostAsJsonAsync($"/api/accounts/{harness.AccountId}/sender-rules", new { sender = "junk.test", kind = "block" });
        Assert.Equal(HttpStatusCode.OK, rule.StatusCode);

        await LocalMail.SendAsync(LocalMail.Compose("deals@mail.junk.test", Sales, $"Cheap watches {marker}", "buy"));
        await LocalMail.SendAsync(LocalMail.Compose("customer2@customer.test", Sales, $"A person {marker}", "hello"));
        await harness.WaitForMessagesAsync($"A person {marker}");

        var held = Assert.Single(await WaitForHeldAsync(harness, 1));
        Assert.Equal(("blocked", "deals@mail.junk.test", "junk.test is on this account's blocklist"),
            (held.GetProperty("reason").GetString(), held.GetProperty("from").GetString(), held.GetProperty("detail").GetString()));
        Assert.Empty(await harness.MessagesAsync("Cheap watches"));
    }

    private static async Task<List<JsonElement>> HeldAsync(InboundHarness harness) =>
        (await harness.Admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{harness.AccountId}/held")).EnumerateArray().ToList();

    private static async Task<List<JsonElement>> WaitForHeldAsync(InboundHarness harness, int count, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var held = await HeldAsync(harness);
            if (held.Count >= count)
            {
                return held;
            }

            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"{held.Count} of {count} messages held: watcher is {await harness.WatcherAsync()}");
            }

            await Task.Delay(50);
        }
    }
}
