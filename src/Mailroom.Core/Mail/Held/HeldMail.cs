namespace Mailroom.Core.Mail.Held;

/// <summary>
/// A received message stopped between ingest and routing: no interaction, no offer, no auto reply, no plan.
/// Its raw bytes are kept; a supervisor releases it (it is then stored and routed as if it had just arrived),
/// deletes it, or blocks the sender.
/// </summary>
public sealed class HeldMail
{
    public long Id { get; set; }
    public int AccountId { get; set; }

    /// <summary>Where it was in the mailbox: a held message counts as ingested there, so it is never fetched twice.</summary>
    public required string Mailbox { get; set; }

    public long UidValidity { get; set; }
    public long Uid { get; set; }
    public required string RawSha256 { get; set; }
    public long RawSize { get; set; }

    /// <summary>The sender's address, lower-cased (empty when the message had none).</summary>
    public string From { get; set; } = "";

    public string Subject { get; set; } = "";
    public HoldReason Reason { get; set; }

    /// <summary>Why, in words the supervisor can check: the header and value, the count, the diagnostic code.</summary>
    public string Detail { get; set; } = "";

    public DateTime HeldAt { get; set; }
}

public enum HoldReason
{
    /// <summary>A delivery status notification about mail we sent.</summary>
    Bounce = 0,

    /// <summary>RFC 3834 Auto-Submitted, Precedence bulk/list/junk, X-Autoreply, out-of-office subjects.</summary>
    Automatic = 1,

    /// <summary>A spam verdict already on the mail (SpamAssassin, rspamd) or a DMARC failure.</summary>
    Spam = 2,

    /// <summary>More mail from one sender in a short time than a person writes: a loop or a flood.</summary>
    Flood = 3,

    /// <summary>The sender's address or domain is on the account's blocklist.</summary>
    Blocked = 4,
}
