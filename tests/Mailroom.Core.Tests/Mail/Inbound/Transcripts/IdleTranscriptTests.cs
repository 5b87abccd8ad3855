using Mailroom.Core.Tests.Mail.Imap;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

public sealed class IdleTranscriptTests
{
    [Fact]
    public async Task Idle_ServerAnnouncesNewMail_EndsIdleFetchesTheNewUidsAndIdlesAgain()
    {
        await using var h = await WatcherHarness.CreateAsync();
        var (first, second, third) = (HeldMessage.Mail(1, 1, "Order"), HeldMessage.Mail(2, 2, "Invoice"), HeldMessage.Mail(3, 5, "Refund"));
        var session = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 2, uidValidity: 7)
            .ListsSizes(1, first, second)
            .SendsBodies("1:2", first, second)
            .Idles()
            .AnnouncesDuringIdle("* 3 EXISTS", "* 1 RECENT")
            .ListsSizes(3, third)
            .SendsBodies("5", third)
            .Idles());

        h.Start();
        await h.ReplayedAsync(session);

        Assert.Equal([(7, 1, "order@customer.test"), (7, 2, "invoice@customer.test"), (7, 5, "refund@customer.test")], await h.StoredAsync());
        Assert.Equal((7, 5), await h.CheckpointAsync());
    }
}
