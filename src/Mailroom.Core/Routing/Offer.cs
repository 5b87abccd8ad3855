namespace Mailroom.Core.Routing;

/// <summary>An interaction offered to one agent, open until accepted, rejected, expired or withdrawn.</summary>
public sealed class Offer
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public int UserId { get; set; }
    public int? QueueId { get; set; }
    public OfferState State { get; set; } = OfferState.Open;
    public OfferReason Reason { get; set; } = OfferReason.New;

    /// <summary>The routing round it belongs to: an agent is offered an interaction once per round.</summary>
    public int Round { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime DueAt { get; set; }
}

public enum OfferState
{
    Open = 0,
    Accepted = 1,
    Rejected = 2,
    Expired = 3,
    Withdrawn = 4,
}

public enum OfferReason
{
    New = 0,
    Sticky = 1,
    Transfer = 2,
}
