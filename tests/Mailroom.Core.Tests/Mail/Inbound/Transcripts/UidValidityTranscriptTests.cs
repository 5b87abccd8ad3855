using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Tests.Mail.Replay;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

public sealed class UidValidityTranscriptTests
{
    [Fact]
    public async Task Examine_NewUidValidity_ResyncsFromTheFirstUid_RecognizingStoredMessages()
    {
        await using var h = await WatcherHarness.CreateAsync();
        var (order, invoice, refund) = (HeldMessage.Mail(1, 10, "Order"), HeldMessage.Mail(2, 11, "Invoice"), HeldMessage.Mail(3, 3, "Refund"));
        foreach (var stored in new[] { order, invoice })
        {
            await h.Ingestor.IngestAsync(h.Account, new MailboxPosition(h.Account.Id, "INBOX", 7, stored.Uid), stored.Raw, CancellationToken.None);
        }

        // The mailbox was recreated: the same two messages under new UIDs, and one that is really new.
        var session = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 3, uidValidity: 8)
            .ListsSizes(1, order.At(1, 1), invoice.At(2, 2), refund)
            .SendsBodies("1:3", order.At(1, 1), invoice.At(2, 2), refund)
            .Idles());

        h.Start();
        await h.ReplayedAsync(session);

        Assert.Equal([(7, 10, "order@customer.test"), (7, 11, "invoice@customer.test"), (8, 3, "refund@customer.test")], await h.StoredAsync());
        Assert.Equal((8, 3), await h.CheckpointAsync());
    }

    [Fact]
    public async Task Idle_FailedByTheServerWhenTheMailboxIsRecreated_ReconnectsAndResyncs_WithoutDuplicates()
    {
        await using var h = await WatcherHarness.CreateAsync();
        var (order, invoice) = (HeldMessage.Mail(1, 1, "Order"), HeldMessage.Mail(2, 2, "Invoice"));
        // Dovecot's answer to an idling client whose mailbox was deleted and created again.
        var first = h.Queue(new ImapScript().GreetsAndSendsTheOnlyMessage(order)
            .Idles()
            .Completes("NO Internal error occurred. Refer to server log for more information."));
        var second = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 2, uidValidity: 9)
            .ListsSizes(1, order, invoice)
            .SendsBodies("1:2", order, invoice)
            .Idles());

        await h.ReplayedWithReconnectAsync(first, second);

        Assert.Equal([(7, 1, "order@customer.test"), (9, 2, "invoice@customer.test")], await h.StoredAsync());
        Assert.Equal((9, 2), await h.CheckpointAsync());
    }

    [Fact]
    public async Task Probe_SeesANewUidValidityTheIdlingSessionWasNeverTold_ReplacesTheSessionAndResyncs()
    {
        await using var h = await WatcherHarness.CreateAsync();
        // The renewal runs on real time (3 s), the probe's interval on the test clock, moved on while the session idles.
        (h.Options.Inbound.IdleRenewalSeconds, h.Options.Inbound.MailboxProbeSeconds) = (3, 60);
        var (order, invoice) = (HeldMessage.Mail(1, 1, "Order"), HeldMessage.Mail(2, 2, "Invoice"));
        // A session whose index was rebuilt under it: every renewal is answered OK and it hears of nothing.
        var deaf = h.Queue(new ImapScript().GreetsAndSendsTheOnlyMessage(order)
            .Idles()
            .ClientContinues("DONE").Completes("OK Idle completed"));
        var probe = h.Queue(new ImapScript()
            .Greets()
            .Client("STATUS INBOX (UIDVALIDITY)").Server("* STATUS INBOX (UIDVALIDITY 9)").Completes("OK Status completed")
            .Client("LOGOUT").Server("* BYE Logging out").Completes("OK Logout completed"));
        var next = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 2, uidValidity: 9)
            .ListsSizes(1, order, invoice)
            .SendsBodies("1:2", order, invoice)
            .Idles());

        h.Start();
        using (var idling = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (h.Statuses.Get(h.Account.Id).State != WatcherState.Idle)
            {
                await Task.Delay(10, idling.Token);
            }
        }

        h.Clock.Advance(TimeSpan.FromSeconds(61));
        await h.ReplayedAsync(deaf);
        await h.ReplayedAsync(probe);
        await h.Clock.SkipNextWaitAsync();
        await h.ReplayedAsync(next);

        Assert.Equal([(7, 1, "order@customer.test"), (9, 2, "invoice@customer.test")], await h.StoredAsync());
        Assert.Contains("recreated", h.Statuses.Get(h.Account.Id).LastError, StringComparison.Ordinal);
    }
}
