using Mailroom.Core.Tests.Mail.Replay;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

public sealed class ReconnectTranscriptTests
{
    [Fact]
    public async Task Bye_DuringIdle_ReconnectsAfterTheFirstJitteredBackoff_AndFetchesWhatArrivedMeanwhile()
    {
        await using var h = await WatcherHarness.CreateAsync();
        var (order, invoice) = (HeldMessage.Mail(1, 1, "Order"), HeldMessage.Mail(2, 2, "Invoice"));
        var first = h.Queue(new ImapScript().GreetsAndSendsTheOnlyMessage(order)
            .Idles()
            .Server("* BYE Server shutting down")
            .HangsUp());
        var second = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 2, uidValidity: 7)
            .ListsSizes(2, invoice)
            .SendsBodies("2", invoice)
            .Idles());

        // The first backoff is 1 s, jittered down to no less than half of it.
        Assert.InRange(await h.ReplayedWithReconnectAsync(first, second), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));

        Assert.Equal([(7, 1, "order@customer.test"), (7, 2, "invoice@customer.test")], await h.StoredAsync());
        Assert.Equal((7, 2), await h.CheckpointAsync());
    }

    [Fact]
    public async Task Drop_InTheMiddleOfABodyLiteral_RefetchesTheWholeBatchOnReconnect_StoringEachMessageOnce()
    {
        await using var h = await WatcherHarness.CreateAsync();
        var (order, invoice) = (HeldMessage.Mail(1, 1, "Order"), HeldMessage.Mail(2, 2, "Invoice"));
        var first = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 2, uidValidity: 7)
            .ListsSizes(1, order, invoice)
            .Client("UID FETCH 1:2 (BODY.PEEK[])")
            .Data(order.BodyResponse())
            .Data(invoice.BodyResponse()[..60])
            .HangsUp());
        var second = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 2, uidValidity: 7)
            .ListsSizes(1, order, invoice)
            .SendsBodies("1:2", order, invoice)
            .Idles());

        await h.ReplayedWithReconnectAsync(first, second);

        Assert.Equal([(7, 1, "order@customer.test"), (7, 2, "invoice@customer.test")], await h.StoredAsync());
        Assert.Equal((7, 2), await h.CheckpointAsync());
    }
}
