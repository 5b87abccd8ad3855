using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Server.Tests.Integration.Inbound;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.Integration.Work;

/// <summary>A sub-status "is automatically removed anytime the email has been replied by the customer".</summary>
[Collection(MailServerCollection.Name)]
public sealed class SubStatusClearedByCustomerTests
{
    private const string Support = "support@example.test";
    private const string Customer = "customer@customer.test";

    [Fact]
    public async Task SubStatus_IsClearedWhenTheCustomerWritesAgain_ThroughPostfixAndDovecot()
    {
        await LocalMail.ControlAsync("reset", Support);
        await using var harness = await InboundHarness.StartAsync(Support);
        var marker = Guid.NewGuid().ToString("N");
        var first = LocalMail.Compose(Customer, Support, $"Parcel {marker}", "Where is it?");
        await LocalMail.SendAsync(first);
        var id = (await harness.WaitForMessagesAsync(marker)).Single().InteractionId;
        var pending = (await harness.Admin.GetFromJsonAsync<JsonElement>("/api/sub-statuses")).EnumerateArray().Single(s => s.GetProperty("isBuiltIn").GetBoolean());
        var set = await harness.Admin.PutAsJsonAsync($"/api/interactions/{id}/sub-status", new { subStatusId = pending.GetProperty("id").GetInt32() });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("Open - Pending", await StatusTextAsync(harness, id));

        await LocalMail.SendAsync(LocalMail.Compose(Customer, Support, $"Re: Parcel {marker}", "Still waiting", inReplyTo: first.MessageId));
        await harness.WaitForMessagesAsync(marker, 2);

        var watch = Stopwatch.StartNew();
        while ((await harness.InteractionAsync(id)).SubStatusId is not null)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the sub-status was not cleared");
            await Task.Delay(20);
        }

        Assert.Equal("Open", await StatusTextAsync(harness, id));
    }

    private static async Task<string?> StatusTextAsync(InboundHarness harness, long id) =>
        (await harness.Admin.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/context")).GetProperty("interaction").GetProperty("statusText").GetString();
}
