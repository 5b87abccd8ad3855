using System.Diagnostics;
using Mailroom.Core.Mail.Outbound;
using Mailroom.TestSupport;

namespace Mailroom.Bench.Faults;

/// <summary>One fault class: a round applies the fault to live traffic and measures until everything is through.</summary>
internal sealed record Fault(string Name, Func<FaultRig, int, Task<RoundResult>> RunAsync);

/// <summary>
/// The fault classes: the ways a mail server or the link to it fails. Recovery is timed from the moment the fault ends (the server is back, the cut
/// happened, the link went silent) to the last mail of the round stored or sent.
/// </summary>
internal static class FaultRounds
{
    private static readonly string Long = string.Join("<br>", Enumerable.Repeat("A long answer, line after line, to make DATA take a while.", 2500));

    public static readonly IReadOnlyList<Fault> All =
    [
        new("imap-silent", ImapSilentAsync),
        new("imap-cut-literal", ImapCutLiteralAsync),
        new("dovecot-outage", DovecotOutageAsync),
        new("expunge-race", ExpungeRaceAsync),
        new("smtp-cut-data", SmtpCutDataAsync),
        new("postfix-outage", PostfixOutageAsync),
        new("imap-cut-idle", ImapCutIdleAsync),
        new("mailbox-recreated", MailboxRecreatedAsync),
        new("kill-ingest", KillIngestAsync),
        new("kill-send", KillSendAsync),
    ];

    // The link goes quiet mid-IDLE without closing (a NAT forgetting it); recovery includes the 5 s silence limit.
    private static Task<RoundResult> ImapSilentAsync(FaultRig rig, int round) =>
        TwoMailsAfterAsync(rig, $"Silent {round}", () =>
        {
            rig.Imap.SilenceOpenConnections();
            return Task.CompletedTask;
        });

    // The connection dies somewhere inside a 300 KB body literal.
    private static async Task<RoundResult> ImapCutLiteralAsync(FaultRig rig, int round)
    {
        await rig.WaitIdleAsync();
        var problems = await rig.ProblemsAsync();
        var dir = Directory.CreateTempSubdirectory("mailroom-faults-");
        var big = LocalMail.Compose(FaultRig.Sender(), FaultRig.Support, $"Big {round} {Guid.NewGuid():N}", string.Join("\r\n", Enumerable.Repeat(new string('x', 76), 4000)));
        var expected = new Dictionary<string, string?> { [big.MessageId!] = await FaultRig.WriteAsync(big, Path.Combine(dir.FullName, "1.eml")) };
        rig.Imap.CutOpenConnectionsAfterServerBytes(Random.Shared.Next(1_000, 250_000));
        var since = Stopwatch.StartNew();
        await LocalMail.ControlAsync("deliver", FaultRig.Support, dir.FullName);
        dir.Delete(recursive: true);
        return await rig.InboundAsync(expected, since, problems);
    }

    // Dovecot stopped (every other round killed) while mail arrives; Postfix holds it until Dovecot is back.
    private static async Task<RoundResult> DovecotOutageAsync(FaultRig rig, int round)
    {
        await rig.WaitIdleAsync();
        var problems = await rig.ProblemsAsync();
        await LocalMail.ControlAsync(round % 2 == 0 ? ["stop-dovecot"] : ["stop-dovecot", "--kill"]);
        var expected = new Dictionary<string, string?>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                expected[await FaultRig.CustomerWritesAsync($"Outage {round}/{i} {Guid.NewGuid():N}", dovecotDown: true)] = null;
            }

            await Task.Delay(Random.Shared.Next(1_000, 5_000));
        }
        finally
        {
            await LocalMail.ControlAsync("start-dovecot");
        }

        return await rig.InboundAsync(expected, Stopwatch.StartNew(), problems);
    }

    // 50 messages appear and are expunged while the watcher fetches them; only the next message is expected.
    private static async Task<RoundResult> ExpungeRaceAsync(FaultRig rig, int round)
    {
        await rig.WaitIdleAsync();
        var problems = await rig.ProblemsAsync();
        var dir = Directory.CreateTempSubdirectory("mailroom-faults-");
        for (var i = 0; i < 50; i++)
        {
            var message = LocalMail.Compose(FaultRig.Sender(), FaultRig.Support, $"Expunged {round}/{i} {Guid.NewGuid():N}", string.Join("\r\n", Enumerable.Repeat(new string('y', 76), 200)));
            await FaultRig.WriteAsync(message, Path.Combine(dir.FullName, $"{i + 1}.eml"));
        }

        await LocalMail.ControlAsync("deliver", FaultRig.Support, dir.FullName);
        await Task.Delay(Random.Shared.Next(0, 300));
        await LocalMail.ControlAsync("reset", FaultRig.Support);
        dir.Delete(recursive: true);
        var since = Stopwatch.StartNew();
        var expected = new Dictionary<string, string?> { [await FaultRig.CustomerWritesAsync($"After expunge {round} {Guid.NewGuid():N}")] = null };
        return await rig.InboundAsync(expected, since, problems);
    }

    // The SMTP connection is cut somewhere inside DATA of a ~150 KB reply.
    private static async Task<RoundResult> SmtpCutDataAsync(FaultRig rig, int round)
    {
        rig.Smtp.CutNextConnectionsAfterClientBytes(Random.Shared.Next(2_000, 120_000));
        var since = Stopwatch.StartNew();
        var reply = await rig.ReplyAsync(Long);
        return await rig.OutboundAsync([reply], since);
    }

    // Postfix is down while agents answer; recovery is timed from its return.
    private static async Task<RoundResult> PostfixOutageAsync(FaultRig rig, int round)
    {
        await LocalMail.ControlAsync("stop-postfix");
        var replies = new List<(long, string)>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                replies.Add(await rig.ReplyAsync($"<p>Answer {round}/{i}</p>"));
            }

            await Task.Delay(Random.Shared.Next(1_000, 5_000));
        }
        finally
        {
            await LocalMail.ControlAsync("start-postfix");
        }

        return await rig.OutboundAsync(replies, Stopwatch.StartNew());
    }

    // The connection drops in IDLE at the moment the server announces new mail.
    private static Task<RoundResult> ImapCutIdleAsync(FaultRig rig, int round) =>
        TwoMailsAfterAsync(rig, $"Cut in IDLE {round}", () =>
        {
            rig.Imap.CutOpenConnectionsAfterServerBytes(Random.Shared.Next(0, 20));
            return Task.CompletedTask;
        });

    // The mailbox is thrown away and made again (new UIDVALIDITY, UIDs from 1) while the watcher IDLEs in it.
    private static Task<RoundResult> MailboxRecreatedAsync(FaultRig rig, int round) =>
        TwoMailsAfterAsync(rig, $"Recreated {round}", () => LocalMail.ControlAsync("recreate-mailbox", FaultRig.Support));

    // kill -9 somewhere in fetching, storing or committing a batch of 100; recovery from the kill, so it includes
    // the new process's start.
    private static async Task<RoundResult> KillIngestAsync(FaultRig rig, int round)
    {
        await rig.WaitIdleAsync();
        var problems = await rig.ProblemsAsync();
        var dir = Directory.CreateTempSubdirectory("mailroom-faults-");
        var expected = new Dictionary<string, string?>();
        for (var i = 0; i < 100; i++)
        {
            var message = LocalMail.Compose(FaultRig.Sender(), FaultRig.Support, $"Killed {round}/{i} {Guid.NewGuid():N}", string.Join("\r\n", Enumerable.Repeat(new string('z', 76), 20 + (i * 97 % 400))));
            expected[message.MessageId!] = await FaultRig.WriteAsync(message, Path.Combine(dir.FullName, $"{i + 1}.eml"));
        }

        await LocalMail.ControlAsync("deliver", FaultRig.Support, dir.FullName);
        dir.Delete(recursive: true);
        await rig.WaitStoredAsync(expected.Keys, 1);
        await Task.Delay(Random.Shared.Next(0, 100));
        await rig.Server.KillAsync();
        var since = Stopwatch.StartNew();
        KilledAt(round, $"{await rig.StoredCountAsync(expected.Keys)} of {expected.Count} stored");
        await rig.KillAndRestartAsync();
        return await rig.InboundAsync(expected, since, problems);
    }

    // kill -9 while replies go out (recovery from the kill); a copy twice is allowed only for a reply caught mid-send (250 given, Sent not yet committed).
    private static async Task<RoundResult> KillSendAsync(FaultRig rig, int round)
    {
        var replies = new List<(long, string)>();
        for (var i = 0; i < 10; i++)
        {
            replies.Add(await rig.ReplyAsync($"<p>Answer before a crash {round}/{i}</p>"));
        }

        await Task.Delay(Random.Shared.Next(0, 200));
        await rig.Server.KillAsync();
        var since = Stopwatch.StartNew();
        var states = await rig.OutboxStatesAsync(replies);
        KilledAt(round, string.Join(", ", states.Values.GroupBy(s => s).Select(g => $"{g.Count()} {g.Key}")));
        await rig.KillAndRestartAsync();
        return await rig.OutboundAsync(replies, since, [.. states.Where(s => s.Value == OutboxState.Sending).Select(s => s.Key)]);
    }

    // The watcher idles, the fault happens, two customers write; recovery from the fault.
    private static async Task<RoundResult> TwoMailsAfterAsync(FaultRig rig, string subject, Func<Task> fault)
    {
        await rig.WaitIdleAsync();
        var problems = await rig.ProblemsAsync();
        await fault();
        var since = Stopwatch.StartNew();
        var expected = new Dictionary<string, string?>();
        for (var i = 0; i < 2; i++)
        {
            expected[await FaultRig.CustomerWritesAsync($"{subject}/{i} {Guid.NewGuid():N}")] = null;
        }

        return await rig.InboundAsync(expected, since, problems);
    }

    // Where each kill landed, so a reader can see that kills hit the work and not the quiet after it.
    private static void KilledAt(int round, string what) => Console.WriteLine($"  kill {round}: {what}");
}
