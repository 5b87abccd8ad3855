using Mailroom.Core.Tests.Mail.Replay;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

/// <summary>The turns every watcher session goes through, as a Dovecot-like server answers them.</summary>
internal static class WatcherScripts
{
    /// <summary>
    /// A server that has already authenticated the connection (PREAUTH), so no login is replayed; MailKit then
    /// learns the hierarchy delimiter and the INBOX, as after any login to a server without NAMESPACE.
    /// </summary>
    public static ImapScript Greets(this ImapScript script, string capabilities = "IMAP4rev1 LITERAL+ IDLE") =>
        script.Server($"* PREAUTH [CAPABILITY {capabilities}] Logged in")
            .Client("LIST \"\" \"\"").Server("* LIST (\\Noselect) \"/\" \"\"").Completes("OK List completed")
            .Client("LIST \"\" \"INBOX\"").Server("* LIST (\\HasNoChildren) \"/\" INBOX").Completes("OK List completed");

    public static ImapScript Examines(this ImapScript script, int exists, long uidValidity) =>
        script.Client("EXAMINE INBOX")
            .Server($"* {exists} EXISTS", "* 0 RECENT", $"* OK [UIDVALIDITY {uidValidity}] UIDs valid", "* FLAGS (\\Seen \\Deleted)")
            .Completes("OK [READ-ONLY] Examine completed");

    /// <summary>The watcher's first question after each change: which UIDs from <paramref name="fromUid"/> on exist, and how big.</summary>
    public static ImapScript ListsSizes(this ImapScript script, uint fromUid, params HeldMessage[] messages) =>
        script.Lists(fromUid, messages, m => $"UID {m.Uid} RFC822.SIZE {m.Raw.Length}");

    /// <summary>The same question answered by a server that leaves RFC822.SIZE out.</summary>
    public static ImapScript ListsWithoutSizes(this ImapScript script, uint fromUid, params HeldMessage[] messages) =>
        script.Lists(fromUid, messages, m => $"UID {m.Uid}");

    /// <summary>The batched body fetch, answered with each message's exact bytes as a literal.</summary>
    public static ImapScript SendsBodies(this ImapScript script, string uidSet, params HeldMessage[] messages) =>
        messages.Aggregate(script.Client($"UID FETCH {uidSet} (BODY.PEEK[])"), (s, m) => s.Data(m.BodyResponse()))
            .Completes("OK Fetch completed");

    /// <summary>A session's start on a mailbox holding one message (UID 1), fetched by the watcher.</summary>
    public static ImapScript GreetsAndSendsTheOnlyMessage(this ImapScript script, HeldMessage message, long uidValidity = 7) =>
        script.Greets()
            .Examines(exists: 1, uidValidity)
            .ListsSizes(1, message)
            .SendsBodies("1", message);

    public static ImapScript Idles(this ImapScript script) => script.Client("IDLE").Server("+ idling");

    /// <summary>The server announces something during IDLE; the client must end it with DONE.</summary>
    public static ImapScript AnnouncesDuringIdle(this ImapScript script, params string[] untagged) =>
        script.Server(untagged).ClientContinues("DONE").Completes("OK Idle completed");

    private static ImapScript Lists(this ImapScript script, uint fromUid, HeldMessage[] messages, Func<HeldMessage, string> items) =>
        script.Client($"UID FETCH {fromUid}:* (UID RFC822.SIZE)")
            .Server([.. messages.Select(m => $"* {m.Seq} FETCH ({items(m)})")])
            .Completes("OK Fetch completed");
}
