namespace Mailroom.Core.Interactions;

/// <summary>
/// One customer conversation in one email account, routed and worked like a call in a voice queue.
/// </summary>
public sealed class Interaction
{
    public long Id { get; set; }

    /// <summary>The account it belongs to now; an account transfer changes it and keeps the id.</summary>
    public int AccountId { get; set; }

    public int? ContactId { get; set; }
    public string Subject { get; set; } = "";
    public InteractionStatus Status { get; set; } = InteractionStatus.Open;
    public int? SubStatusId { get; set; }

    /// <summary>Closed without any agent reply ("Closed Unmanaged").</summary>
    public bool ClosedUnmanaged { get; set; }

    public int? AssignedUserId { get; set; }

    /// <summary>The first agent who managed it: the interactions list's "agent" filter.</summary>
    public int? FirstAgentId { get; set; }

    public int? QueueId { get; set; }

    /// <summary>0–10, higher first: the waiting list is offered by it, then by service-level due time.</summary>
    public int Priority { get; set; }
    public int? DispositionId { get; set; }

    /// <summary>Customer messages not yet read by an agent; the list shows a non-zero count in bold.</summary>
    public int UnreadCount { get; set; }

    public bool Reopened { get; set; }
    public long? ContinuedFromId { get; set; }
    public long? ContinuedInId { get; set; }

    public string? LastMessagePreview { get; set; }
    public MessageDirection? LastMessageDirection { get; set; }
    public DateTime? LastMessageAt { get; set; }

    /// <summary>Newest activity first is the lists' order.</summary>
    public DateTime LastActivityAt { get; set; }

    /// <summary>
    /// Parked ("snoozed") by its owner since then: it holds no capacity slot and its service-level clocks pause.
    /// Null = active work.
    /// </summary>
    public DateTime? ParkedAt { get; set; }

    /// <summary>When a parked interaction comes back to its owner; null while parked = when the customer writes.</summary>
    public DateTime? ParkedUntil { get; set; }

    public DateTime? FirstResponseAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>When retention removed every word of the customer's and kept the row for the reports.</summary>
    public DateTime? AnonymisedAt { get; set; }

    /// <summary>The previous account after an account transfer (TransferAccountId).</summary>
    public int? TransferAccountId { get; set; }

    /// <summary>The previous queue after an account transfer (TransferMailQueueId).</summary>
    public int? TransferMailQueueId { get; set; }

    public DateTime? TransferredAt { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Bumped on every change; concurrent updates (two transfers, two accepts) collide on it.</summary>
    public int Version { get; set; }
}

public enum InteractionStatus
{
    Open = 0,
    Closed = 1,
}

public enum MessageDirection
{
    Incoming = 0,
    Outgoing = 1,
}
