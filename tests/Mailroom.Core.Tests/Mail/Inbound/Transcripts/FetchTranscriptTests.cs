using System.Security.Cryptography;
using System.Text;
using Mailroom.Core.Tests.Mail.Replay;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

public sealed class FetchTranscriptTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BodyFetch_UidExpungedSinceItWasListed_IsSkipped_TheOthersStored_AndNothingIsFetchedAgain(bool expungeAnnounced)
    {
        await using var h = await WatcherHarness.CreateAsync();
        var (order, gone, refund) = (HeldMessage.Mail(1, 1, "Order"), HeldMessage.Mail(2, 2, "Gone"), HeldMessage.Mail(3, 3, "Refund"));
        var script = new ImapScript()
            .Greets()
            .Examines(exists: 3, uidValidity: 7)
            .ListsSizes(1, order, gone, refund)
            // Another client expunged UID 2 in between: the server sends no data for it, and may say so.
            .Client("UID FETCH 1:3 (BODY.PEEK[])")
            .Data(order.BodyResponse());
        if (expungeAnnounced)
        {
            refund = refund.At(2, 3);
            script.Server("* 2 EXPUNGE");
        }

        script.Data(refund.BodyResponse()).Completes("OK Fetch completed");
        if (expungeAnnounced)
        {
            // The count changed, so the watcher looks once more and finds nothing above UID 3.
            script.ListsSizes(4, refund);
        }

        var session = h.Queue(script.Idles());

        h.Start();
        await h.ReplayedAsync(session);

        Assert.Equal([(7, 1, "order@customer.test"), (7, 3, "refund@customer.test")], await h.StoredAsync());
        Assert.Equal((7, 3), await h.CheckpointAsync());
    }

    [Theory]
    [InlineData("BODY[] NIL")]
    [InlineData("BODY[] {0}\r\n")]
    public async Task BodyFetch_BodyNilBecauseExpungedMidFetch_IsSkipped_NeverStoredAsAnEmptyProblem(string emptyBody)
    {
        await using var h = await WatcherHarness.CreateAsync();
        var (order, gone, refund) = (HeldMessage.Mail(1, 1, "Order"), HeldMessage.Mail(2, 2, "Gone"), HeldMessage.Mail(3, 3, "Refund"));
        // What Dovecot answers when another client expunged UID 2 while this FETCH ran.
        var session = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 3, uidValidity: 7)
            .ListsSizes(1, order, gone, refund)
            .Client("UID FETCH 1:3 (BODY.PEEK[])")
            .Data(order.BodyResponse())
            .Server($"* 2 FETCH (UID 2 {emptyBody})")
            .Data(refund.BodyResponse())
            .Completes("OK [EXPUNGEISSUED] Some messages were already expunged.")
            .Idles());

        h.Start();
        await h.ReplayedAsync(session);

        Assert.Equal([(7, 1, "order@customer.test"), (7, 3, "refund@customer.test")], await h.StoredAsync());
        Assert.Equal((7, 3), await h.CheckpointAsync());
        await using var db = h.Database.NewContext();
        Assert.Empty(await db.IngestProblems.ToListAsync());
    }

    [Fact]
    public async Task BodyFetch_EightBitHeadersInLiteralsSplitAtOddPlaces_StoresTheExactBytes_AndParsesTheHeaders()
    {
        await using var h = await WatcherHarness.CreateAsync();
        // Raw UTF-8 in From and Subject (no RFC 2047), a stray Latin-1 byte, and no CRLF at the end.
        byte[] raw =
        [
            .. Encoding.UTF8.GetBytes("From: Jürgen Müller <jurgen@customer.test>\r\nTo: support@example.test\r\nSubject: Grüße aus Köln\r\n"),
            .. "X-Note: caf"u8, 0xE9, .. "\r\nMessage-ID: <koeln@customer.test>\r\n\r\nBitte um Rückruf."u8,
        ];
        var mail = new HeldMessage(1, 1, raw);
        var session = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 1, uidValidity: 7)
            .ListsSizes(1, mail)
            .SendsBodies("1", mail)
            .Idles(), maxReadBytes: 7);

        h.Start();
        await h.ReplayedAsync(session);

        await using var db = h.Database.NewContext();
        var message = await db.Messages.SingleAsync();
        Assert.Equal(("Grüße aus Köln", "Jürgen Müller", "jurgen@customer.test"), (message.Subject, message.FromName, message.From));
        Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(raw)), (long)raw.Length), (message.RawSha256, message.RawSize));
        await using var blob = h.Blobs.OpenRead(message.RawSha256);
        using var copy = new MemoryStream();
        await blob.CopyToAsync(copy);
        Assert.Equal(raw, copy.ToArray());
    }

    [Fact]
    public async Task BodyFetch_FirstBatchAfterStart_IsSmall_SoACrashLoopStillCommitsSomething_ThenBatchesGrow()
    {
        await using var h = await WatcherHarness.CreateAsync();
        // A backlog from twelve customers: twelve mails from one sender would be a flood, and held.
        var mails = Enumerable.Range(1, 12).Select(i => new HeldMessage(i, (uint)i, System.Text.Encoding.UTF8.GetBytes(
            IngestFixture.Mail($"Mail {i}", HeldMessage.MessageIdOf($"Mail {i}"), from: $"customer{i}@customer.test")))).ToArray();
        var session = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 12, uidValidity: 7)
            .ListsSizes(1, mails)
            .SendsBodies("1:10", mails[..10])
            .SendsBodies("11:12", mails[10..])
            .Idles());

        h.Start();
        await h.ReplayedAsync(session);

        Assert.Equal(12, (await h.StoredAsync()).Count);
        Assert.Equal((7, 12), await h.CheckpointAsync());
    }

    [Fact]
    public async Task SizeListing_WithoutRfc822Size_StillFetchesAndStoresEveryMessage()
    {
        await using var h = await WatcherHarness.CreateAsync();
        var (order, invoice) = (HeldMessage.Mail(1, 1, "Order"), HeldMessage.Mail(2, 2, "Invoice"));
        var session = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 2, uidValidity: 7)
            .ListsWithoutSizes(1, order, invoice)
            .SendsBodies("1:2", order, invoice)
            .Idles());

        h.Start();
        await h.ReplayedAsync(session);

        Assert.Equal([(7, 1, "order@customer.test"), (7, 2, "invoice@customer.test")], await h.StoredAsync());
        Assert.Equal((7, 2), await h.CheckpointAsync());
    }
}
