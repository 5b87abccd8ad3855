using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Tests.Mail.Replay;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

public sealed class NewMailTranscriptTests
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

    [Fact]
    public async Task Poll_ServerWithoutIdle_ChecksEveryPollInterval_AndFetchesWhatANoopAnnounces()
    {
        await using var h = await WatcherHarness.CreateAsync();
        var order = HeldMessage.Mail(1, 1, "Order");
        var session = h.Queue(new ImapScript()
            .Greets("IMAP4rev1 LITERAL+")
            .Examines(exists: 0, uidValidity: 7)
            .ListsSizes(1)
            .Client("NOOP").Completes("OK NOOP completed")
            .ListsSizes(1)
            .Client("NOOP").Server("* 1 EXISTS").Completes("OK NOOP completed")
            .ListsSizes(1, order)
            .SendsBodies("1", order));

        h.Start();
        Assert.Equal(MailboxWatcher.PollInterval, await h.Clock.SkipNextWaitAsync());
        Assert.Equal(MailboxWatcher.PollInterval, await h.Clock.SkipNextWaitAsync());
        await h.ReplayedAsync(session);
        // The next poll's wait starts only after the fetched message committed.
        Assert.Equal(MailboxWatcher.PollInterval, await h.Clock.NextWaitAsync());

        Assert.Equal([(7, 1, "order@customer.test")], await h.StoredAsync());
        Assert.Equal((7, 1), await h.CheckpointAsync());
    }
}
