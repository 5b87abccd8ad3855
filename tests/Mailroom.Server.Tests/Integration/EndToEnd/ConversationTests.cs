using System.Net.Http.Json;
using Mailroom.Core.Interactions;
using Mailroom.Server.Tests.Integration.Inbound;
using Mailroom.TestSupport;
using MimeKit;

namespace Mailroom.Server.Tests.Integration.EndToEnd;

/// <summary>Whole conversations through the real Postfix and Dovecot: customer → Mailroom → customer → Mailroom.</summary>
[Collection(MailServerCollection.Name)]
public sealed class ConversationTests
{
    private const string Support = "support@example.test";
    private const string Customer = "customer@customer.test";

    [Fact]
    public async Task Reply_ReachesTheCustomer_AndTheCustomersAnswerThreadsBackIntoTheSameInteraction()
    {
        await LocalMail.ControlAsync("reset", Support);
        await LocalMail.ControlAsync("reset", Customer);
        await using var harness = await InboundHarness.StartAsync(Support);
        var marker = Guid.NewGuid().ToString("N");
        await LocalMail.SendAsync(LocalMail.Compose(Customer, Support, $"Parcel {marker}", "Where is it?"));
        var mailA = (await harness.WaitForMessagesAsync(marker)).Single();

        var queued = await harness.Admin.PostAsJsonAsync($"/api/interactions/{mailA.InteractionId}/reply", new { body = "<p>On its way.</p>" });
        queued.EnsureSuccessStatusCode();
        var mailB = await LocalMail.WaitForAsync(Customer, $"Re: Parcel {marker}");
        Assert.Equal(Support, mailB.From.Mailboxes.Single().Address);
        Assert.Equal(mailA.MessageIdHeader, mailB.InReplyTo);

        await LocalMail.SendAsync(LocalMail.Compose(Customer, Support, $"Re: Re: Parcel {marker}", "Thanks!", inReplyTo: mailB.MessageId));
        var all = await harness.WaitForMessagesAsync(marker, 3);

        Assert.All(all, m => Assert.Equal(mailA.InteractionId, m.InteractionId));
        Assert.Equal(MessageDirection.Incoming, all.OrderBy(m => m.Id).Last().Direction);
    }
}
