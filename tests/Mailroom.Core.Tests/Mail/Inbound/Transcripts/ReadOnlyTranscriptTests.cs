using Mailroom.Core.Tests.Mail.Replay;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

public sealed class ReadOnlyTranscriptTests
{
    /// <summary>The only commands that leave a mailbox, its flags included, exactly as they were.</summary>
    private static readonly string[] ReadOnlyCommands = ["LIST", "EXAMINE", "UID FETCH", "IDLE", "DONE", "NOOP"];

    [Fact]
    public async Task Session_WithAnOversizedMessageOnAServerOfferingMove_NeverChangesTheMailbox()
    {
        await using var h = await WatcherHarness.CreateAsync();
        h.Options.MaxInboundMessageBytes = 100;
        var small = new HeldMessage(1, 1, "Subject: Hi\r\n\r\nShort\r\n"u8.ToArray());
        var big = HeldMessage.Mail(2, 2, "Oversized");
        var session = h.Queue(new ImapScript()
            .Greets("IMAP4rev1 LITERAL+ IDLE MOVE UIDPLUS")
            .Examines(exists: 2, uidValidity: 7)
            .ListsSizes(1, small, big)
            .SendsBodies("1", small)
            // Too big to hold in memory: read in partial fetches, stored raw, flagged.
            .Client("UID FETCH 2 (BODY.PEEK[]<0.4194304>)")
            .Data(big.BodyResponse("BODY[]<0>"))
            .Completes("OK Fetch completed")
            .Idles());

        h.Start();
        await h.ReplayedAsync(session);

        Assert.Contains("EXAMINE INBOX", h.Sent);
        Assert.All(h.Sent, line => Assert.Contains(ReadOnlyCommands, c => line.StartsWith(c, StringComparison.Ordinal)));
        Assert.All(h.Sent.Where(l => l.StartsWith("UID FETCH", StringComparison.Ordinal)), line => Assert.DoesNotContain("BODY[", line, StringComparison.Ordinal));
        await using var db = h.Database.NewContext();
        Assert.StartsWith("Oversized", (await db.IngestProblems.SingleAsync(p => p.Uid == 2)).Reason, StringComparison.Ordinal);
        Assert.Equal((7, 2), await h.CheckpointAsync());
    }
}
