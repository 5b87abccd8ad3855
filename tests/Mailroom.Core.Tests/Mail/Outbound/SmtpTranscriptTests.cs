using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Tests.Mail.Replay;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Outbound;

/// <summary>
/// The sender against scripted SMTP sessions: what each server reply makes of a queued reply, in
/// milliseconds. The same paths against the real Postfix are in the server suite.
/// </summary>
public sealed class SmtpTranscriptTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Send_ServerQueuesIt_IsSentOnce_WithTheReplyAsTheServerReceivedIt()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var queued = await QueueReplyAsync(h, "Your refund is on its way.");
        var server = new ReplayConnector();
        var session = server.Queue(new SmtpScript()
            .Greets()
            .TakesTheEnvelope()
            .TakesTheMessage()
            .SaysBye());

        Assert.Equal(1, await h.Delivery(server).RunPassAsync(CancellationToken.None));

        await session.Finished.WaitAsync(Patience);
        var item = await ItemAsync(h, queued);
        Assert.Equal((OutboxState.Sent, 1, null), (item.State, item.Attempts, item.LastError));
        Assert.Contains("Your refund is on its way.", Assert.Single(session.Messages));
    }

    [Fact]
    public async Task Send_WithPipelining_SendsTheEnvelopeInOneGo_BeforeReadingTheReplies()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var queued = await QueueReplyAsync(h, "Pipelined.");
        var server = new ReplayConnector();
        // The replies come only after both envelope commands: a client that waited for each reply would hang here.
        var session = server.Queue(new SmtpScript()
            .Greets("PIPELINING")
            .Client("MAIL FROM:<support@example.test>")
            .Client("RCPT TO:<customer@customer.test>")
            .Server("250 2.1.0 Ok", "250 2.1.5 Ok")
            .TakesTheMessage()
            .SaysBye());

        Assert.Equal(1, await h.Delivery(server).RunPassAsync(CancellationToken.None).WaitAsync(Patience));

        await session.Finished.WaitAsync(Patience);
        Assert.Equal(OutboxState.Sent, (await ItemAsync(h, queued)).State);
    }

    [Theory]
    [InlineData("452 4.2.2 Mailbox full, try again later", OutboxState.Queued)]
    [InlineData("550 5.1.1 <customer@customer.test>: Recipient address rejected: User unknown", OutboxState.Failed)]
    public async Task Send_RecipientRefused_4xxStaysQueuedForTheNextAttempt_5xxFailsAtOnce_InTheServersWords(string refusal, OutboxState outcome)
    {
        await using var h = await OutboundHarness.CreateAsync();
        var queued = await QueueReplyAsync(h, "Refused.");
        var server = new ReplayConnector();
        var session = server.Queue(new SmtpScript()
            .Greets()
            .Client("MAIL FROM:<support@example.test>").Server("250 2.1.0 Ok")
            .Client("RCPT TO:<customer@customer.test>").Server(refusal)
            .Client("RSET").Server("250 2.0.0 Ok")
            .SaysBye());

        Assert.Equal(1, await h.Delivery(server).RunPassAsync(CancellationToken.None));

        await session.Finished.WaitAsync(Patience);
        var item = await ItemAsync(h, queued);
        Assert.Equal((outcome, 1), (item.State, item.Attempts));
        Assert.Contains(refusal[10..], item.LastError);
        if (outcome == OutboxState.Queued)
        {
            Assert.Equal(h.Now.AddSeconds(5), item.NextAttemptAt);
        }

        Assert.Empty(session.Messages);
    }

    [Fact]
    public async Task Send_ConnectionDropsAfterTheMessageBeforeAnyReply_IsTriedAgainOnANewConnection()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var queued = await QueueReplyAsync(h, "Did it arrive?");
        var server = new ReplayConnector();
        var dropped = server.Queue(new SmtpScript()
            .Greets()
            .TakesTheEnvelope()
            .Client("DATA").Server("354 go ahead")
            .ClientSendsMessage().HangsUp());
        var next = server.Queue(new SmtpScript()
            .Greets()
            .TakesTheEnvelope()
            .TakesTheMessage()
            .SaysBye());

        Assert.Equal(1, await h.Delivery(server).RunPassAsync(CancellationToken.None));
        await dropped.Finished.WaitAsync(Patience);
        var item = await ItemAsync(h, queued);
        Assert.Equal((OutboxState.Queued, 1), (item.State, item.Attempts));

        h.Time.Advance(item.NextAttemptAt - h.Now);
        Assert.Equal(1, await h.Delivery(server).RunPassAsync(CancellationToken.None));
        await next.Finished.WaitAsync(Patience);
        var sent = await ItemAsync(h, queued);
        Assert.Equal((OutboxState.Sent, 2), (sent.State, sent.Attempts));
        // The same message both times: a server that did keep the first copy shows it with the same Message-ID.
        Assert.Equal(dropped.Messages.Single(), next.Messages.Single());
    }

    [Fact]
    public async Task Connect_ServerGreetsWith421_LeavesTheReplyQueued_AndSendsNothing()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var queued = await QueueReplyAsync(h, "Busy server.");
        var server = new ReplayConnector();
        var session = server.Queue(new SmtpScript().Server("421 4.3.2 Too many connections, try again later").HangsUp());

        Assert.Equal(1, await h.Delivery(server).RunPassAsync(CancellationToken.None));

        await session.Finished.WaitAsync(Patience);
        var item = await ItemAsync(h, queued);
        Assert.Equal((OutboxState.Queued, 1), (item.State, item.Attempts));
        Assert.Contains("Too many connections", item.LastError);
    }

    private static async Task<long> QueueReplyAsync(OutboundHarness h, string body)
    {
        var account = await h.AccountAsync("support@example.test", "SUP");
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id, new IncomingMailSeed.Customer(), h.Now);
        return (await h.Reply().RunAsync(h.Agent, seeded.InteractionId, new ComposeInput { Body = body }, CancellationToken.None)).MessageId;
    }

    private static async Task<OutboxItem> ItemAsync(OutboundHarness h, long messageId)
    {
        await using var db = h.NewContext();
        return await db.Outbox.AsNoTracking().SingleAsync(o => o.MessageId == messageId);
    }
}
