namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// A message waiting to be delivered over SMTP. Written in the same transaction as the agent's action, so a
/// crash or an SMTP outage never loses a reply.
/// </summary>
public sealed class OutboxItem
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public int AccountId { get; set; }
    public OutboxState State { get; set; } = OutboxState.Queued;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>After this, a message still failing with temporary errors is given up (24 h).</summary>
    public DateTime GiveUpAt { get; set; }

    /// <summary>The SMTP server's own words on the last failure.</summary>
    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Scheduled send: the agent chose to send it then, not now. Until then <see cref="NextAttemptAt"/> holds it back
    /// and the agent may cancel it like an undo; its service-level response counts when it is sent.
    /// </summary>
    public DateTime? ScheduledFor { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>The user who queued it: an <see cref="IdempotencyKey"/> is theirs alone.</summary>
    public int? SentByUserId { get; set; }

    /// <summary>
    /// The client's key for this send (the <c>Idempotency-Key</c> header, or the composer's per draft): a send
    /// repeated with it, e.g. after a connection cut before the answer arrived, returns this message again.
    /// </summary>
    public string? IdempotencyKey { get; set; }
}

public enum OutboxState
{
    Queued = 0,
    Sending = 1,
    Sent = 2,
    Failed = 3,

    /// <summary>Taken back by the agent before delivery began (only ever announced: the row itself is deleted).</summary>
    Cancelled = 4,

    /// <summary>Accepted by the SMTP server, then reported undeliverable by a bounce; LastError holds its diagnostic.</summary>
    Bounced = 5,
}
