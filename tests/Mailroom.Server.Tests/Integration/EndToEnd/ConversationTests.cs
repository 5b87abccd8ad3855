using System.Net.Http.Json;
using System.Text.Json;
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
    private const string Sales = "sales@example.test";
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

    [Fact]
    public async Task AccountTransfer_WithAutomaticMail_CustomerSeesTheNewAccount_AndItsAnswerLandsThere()
    {
        // 000, "Automatic Mail ON", scenario 3: transfer before any reply; the customer answers the automatic mail.
        await LocalMail.ControlAsync("reset", Support);
        await LocalMail.ControlAsync("reset", Sales);
        await LocalMail.ControlAsync("reset", Customer);
        await using var harness = await InboundHarness.StartAsync(Support);
        var support = harness.AccountId;
        (await harness.Admin.PutAsJsonAsync($"/api/accounts/{support}", LocalMail.AccountBody(Support, harness.Key,
            transfer: new { accountTransferEnabled = true, autoMailOnAccountTransfer = true, accountTransferTemplate = "<p>Moved from {{fromAccount}} to {{toAccount}}.</p>" })))
            .EnsureSuccessStatusCode();
        var created = await harness.Admin.PostAsJsonAsync("/api/accounts", LocalMail.AccountBody(Sales, "S" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant(), transfer: new { }));
        created.EnsureSuccessStatusCode();
        var sales = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var marker = Guid.NewGuid().ToString("N");
        await LocalMail.SendAsync(LocalMail.Compose(Customer, Support, $"Quote {marker}", "How much for 10?"));
        var mailA = (await harness.WaitForMessagesAsync(marker)).Single();

        (await harness.Admin.PostAsJsonAsync($"/api/interactions/{mailA.InteractionId}/transfer/account", new { accountId = sales })).EnsureSuccessStatusCode();
        var mailAuto = await LocalMail.WaitForAsync(Customer, $"Quote {marker}");

        Assert.Equal(Sales, mailAuto.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal(Sales, mailAuto.From.Mailboxes.Single().Address);
        Assert.Equal(mailA.MessageIdHeader, mailAuto.InReplyTo);
        Assert.Contains($"Moved from {Support} to {Sales}", mailAuto.HtmlBody, StringComparison.Ordinal);

        var answer = LocalMail.Compose(Customer, Sales, $"Re: Quote {marker}", "Great, thanks", inReplyTo: mailAuto.MessageId);
        await LocalMail.SendAsync(answer);
        var all = await harness.WaitForMessagesAsync(marker, 3);

        var stored = all.Single(m => m.MessageIdHeader == answer.MessageId);
        Assert.Equal(mailA.InteractionId, stored.InteractionId);
        var interaction = await harness.InteractionAsync(mailA.InteractionId);
        Assert.Equal((sales, support), (interaction.AccountId, interaction.TransferAccountId!.Value));
    }
}
