using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Interactions;
using Mailroom.Server.Tests.Integration.Inbound;
using Mailroom.TestSupport;
using MimeKit;

namespace Mailroom.Server.Tests.Integration.EndToEnd;

/// <summary>
/// The scenarios of "Email Account Transfer", end to end through the real Postfix and Dovecot: Account1 is
/// support@, Account2 is sales@, the customer writes from customer@customer.test. "Agent" is what it says: an
/// agent (not an administrator, who skips the checks an agent meets) who was offered MailA and accepted it.
/// </summary>
[Collection(MailServerCollection.Name)]
public sealed class AccountTransferScenarioTests
{
    private const string Support = "support@example.test";
    private const string Sales = "sales@example.test";
    private const string Customer = "customer@customer.test";

    [Fact]
    public async Task AutoMailOff_Scenario1_CustomerRepliesToMailBAfterTheTransfer_ReplyLandsInTheInteractionUnderAccount2()
    {
        await using var s = await Scenario.StartAsync(autoMail: false);
        var mailA = await s.CustomerWritesAsync();
        var mailB = await s.AgentRepliesAsync(mailA, Support);

        await s.TransferAsync(mailA);
        var answer = await s.CustomerAnswersAsync(mailB, Support);

        await s.AssertLandedUnderSalesAsync(mailA, answer, messages: 3);
        Assert.Single(await s.MessagesAsync(MessageDirection.Outgoing));
    }

    [Fact]
    public async Task AutoMailOff_Scenario2_AgentRepliesFromAccount2_TheWholeFlowContinuesThere()
    {
        await using var s = await Scenario.StartAsync(autoMail: false);
        var mailA = await s.CustomerWritesAsync();

        await s.TransferAsync(mailA);
        await s.AgentPicksFromSalesListAsync(mailA);
        var reply = await s.AgentRepliesAsync(mailA, Sales);
        var answer = await s.CustomerAnswersAsync(reply, Sales);

        Assert.Equal(Sales, reply.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal(mailA.MessageIdHeader, reply.InReplyTo);
        await s.AssertLandedUnderSalesAsync(mailA, answer, messages: 3);
    }

    [Fact]
    public async Task AutoMailOn_Scenario1_AutomaticMailAnswersMailA_CustomerRepliesToMailB_ReplyLandsUnderAccount2()
    {
        await using var s = await Scenario.StartAsync(autoMail: true);
        var mailA = await s.CustomerWritesAsync();
        var mailB = await s.AgentRepliesAsync(mailA, Support);

        await s.TransferAsync(mailA);
        var mailAuto = await LocalMail.WaitForAsync(Customer, s.Marker, from: Sales);
        var answer = await s.CustomerAnswersAsync(mailB, Support);

        Assert.Equal(mailA.MessageIdHeader, mailAuto.InReplyTo);
        Assert.Contains($"Moved from {Support} to {Sales}", mailAuto.HtmlBody, StringComparison.Ordinal);
        await s.AssertLandedUnderSalesAsync(mailA, answer, messages: 4);
    }

    [Fact]
    public async Task AutoMailOn_Scenario2_CustomerRepliesToTheAutomaticMail_SeesAccount2AsReplyTo_ReplyLandsThere()
    {
        await using var s = await Scenario.StartAsync(autoMail: true);
        var mailA = await s.CustomerWritesAsync();
        await s.AgentRepliesAsync(mailA, Support);

        await s.TransferAsync(mailA);
        var mailAuto = await LocalMail.WaitForAsync(Customer, s.Marker, from: Sales);
        var answer = await s.CustomerAnswersAsync(mailAuto, Sales);

        Assert.Equal(Sales, mailAuto.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal(mailA.MessageIdHeader, mailAuto.InReplyTo);
        await s.AssertLandedUnderSalesAsync(mailA, answer, messages: 4);
    }

    [Fact]
    public async Task AutoMailOn_Scenario3_TransferBeforeAnyReply_CustomerSeesTheNewAccount_AndItsAnswerLandsThere()
    {
        await using var s = await Scenario.StartAsync(autoMail: true);
        var mailA = await s.CustomerWritesAsync();

        await s.TransferAsync(mailA);
        var mailAuto = await LocalMail.WaitForAsync(Customer, s.Marker, from: Sales);
        var answer = await s.CustomerAnswersAsync(mailAuto, Sales);

        Assert.Equal(Sales, mailAuto.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal(Sales, mailAuto.From.Mailboxes.Single().Address);
        Assert.Equal(mailA.MessageIdHeader, mailAuto.InReplyTo);
        Assert.Contains($"Moved from {Support} to {Sales}", mailAuto.HtmlBody, StringComparison.Ordinal);
        await s.AssertLandedUnderSalesAsync(mailA, answer, messages: 3);
    }

    [Fact]
    public async Task CustomerMessageArrivingDuringTheTransfer_IsStoredExactlyOnce_InTheInteractionNowUnderAccount2()
    {
        await using var s = await Scenario.StartAsync(autoMail: false);
        var mailA = await s.CustomerWritesAsync();
        await s.Harness.WaitForIdleAsync();
        var answer = LocalMail.Compose(Customer, Support, $"Re: Quote {s.Marker}", "One more thing", inReplyTo: mailA.MessageIdHeader);

        await Task.WhenAll(LocalMail.SendAsync(answer), s.TransferAsync(mailA));
        await s.Harness.WaitForMessagesAsync(s.Marker, 2);
        await s.Harness.WaitForIdleAsync();

        var stored = (await s.Harness.MessagesAsync(s.Marker)).Where(m => m.MessageIdHeader == answer.MessageId).ToList();
        Assert.Equal(mailA.InteractionId, Assert.Single(stored).InteractionId);
        Assert.Equal(s.SalesId, (await s.Harness.InteractionAsync(mailA.InteractionId)).AccountId);
    }

    /// <summary>Account1 (support@, transfer enabled, automatic mail on or off) watched by a fresh server, Account2 (sales@).</summary>
    private sealed class Scenario : IAsyncDisposable
    {
        private Scenario(InboundHarness harness) => Harness = harness;

        public InboundHarness Harness { get; }

        public string Marker { get; } = Guid.NewGuid().ToString("N");

        public int SalesId { get; private set; }

        /// <summary>A member of both accounts and of Account1's queue, online.</summary>
        public HttpClient Agent { get; private set; } = null!;

        public static async Task<Scenario> StartAsync(bool autoMail)
        {
            foreach (var mailbox in new[] { Support, Sales, Customer })
            {
                await LocalMail.ControlAsync("reset", mailbox);
            }

            var s = new Scenario(await InboundHarness.StartAsync(Support));
            var admin = s.Harness.Admin;
            (await admin.PutAsJsonAsync($"/api/accounts/{s.Harness.AccountId}", LocalMail.AccountBody(Support, s.Harness.Key, transfer: new
            {
                accountTransferEnabled = true,
                autoMailOnAccountTransfer = autoMail,
                accountTransferTemplate = "<p>Moved from {{fromAccount}} to {{toAccount}}.</p>",
            }))).EnsureSuccessStatusCode();
            var created = await admin.PostAsJsonAsync("/api/accounts", LocalMail.AccountBody(Sales, "S" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant(), transfer: new { }));
            created.EnsureSuccessStatusCode();
            s.SalesId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var (agentId, agent) = await s.Harness.App!.CreateUserAsync(admin);
            s.Agent = agent;
            foreach (var account in new[] { s.Harness.AccountId, s.SalesId })
            {
                await Transfers.TransferApi.AddMemberAsync(admin, account, agentId);
            }

            await Transfers.TransferApi.CreateGroupAsync(admin, [agentId], s.Harness.AccountId);
            await Transfers.TransferApi.OnlineAsync(agent);
            return s;
        }

        /// <summary>MailA: the customer writes to Account1, the agent accepts the offer; returns it as stored.</summary>
        public async Task<Message> CustomerWritesAsync()
        {
            await LocalMail.SendAsync(LocalMail.Compose(Customer, Support, $"Quote {Marker}", "How much for 10?"));
            var mailA = (await Harness.WaitForMessagesAsync(Marker)).Single();
            var offer = await Transfers.TransferApi.OfferAsync(Agent, mailA.InteractionId);
            (await Agent.PostAsync($"/api/offers/{offer}/accept", null)).EnsureSuccessStatusCode();
            return mailA;
        }

        /// <summary>After an account transfer nobody owns it: the agent takes it from Account2's list.</summary>
        public async Task AgentPicksFromSalesListAsync(Message mailA) =>
            (await Agent.PostAsJsonAsync($"/api/interactions/{mailA.InteractionId}/assign", new { })).EnsureSuccessStatusCode();

        /// <summary>The agent replies in the interaction; returns the mail as the customer received it from <paramref name="from"/>.</summary>
        public async Task<MimeMessage> AgentRepliesAsync(Message mailA, string from)
        {
            (await Agent.PostAsJsonAsync($"/api/interactions/{mailA.InteractionId}/reply", new { body = "<p>100 EUR.</p>" })).EnsureSuccessStatusCode();
            var received = await LocalMail.WaitForAsync(Customer, Marker, from: from);
            Assert.Equal(from, received.From.Mailboxes.Single().Address);
            return received;
        }

        public async Task TransferAsync(Message mailA) =>
            (await Agent.PostAsJsonAsync($"/api/interactions/{mailA.InteractionId}/transfer/account", new { accountId = SalesId })).EnsureSuccessStatusCode();

        /// <summary>The customer answers <paramref name="to"/>, threaded on it, writing to <paramref name="address"/>.</summary>
        public async Task<MimeMessage> CustomerAnswersAsync(MimeMessage to, string address)
        {
            var answer = LocalMail.Compose(Customer, address, $"Re: Quote {Marker}", "Great, thanks", inReplyTo: to.MessageId);
            await LocalMail.SendAsync(answer);
            return answer;
        }

        public async Task AssertLandedUnderSalesAsync(Message mailA, MimeMessage answer, int messages)
        {
            var all = await Harness.WaitForMessagesAsync(Marker, messages);
            var stored = Assert.Single(all, m => m.MessageIdHeader == answer.MessageId);
            Assert.Equal(mailA.InteractionId, stored.InteractionId);
            var interaction = await Harness.InteractionAsync(mailA.InteractionId);
            Assert.Equal((SalesId, Harness.AccountId), (interaction.AccountId, interaction.TransferAccountId!.Value));
        }

        public async Task<List<Message>> MessagesAsync(MessageDirection direction) =>
            (await Harness.MessagesAsync(Marker)).Where(m => m.Direction == direction).ToList();

        public ValueTask DisposeAsync() => Harness.DisposeAsync();
    }
}
