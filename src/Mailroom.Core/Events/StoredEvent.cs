namespace Mailroom.Core.Events;

/// <summary>
/// A domain event in the database's order. In-process subscribers are woken at once; another instance, or a
/// client that reconnects, reads on from the last sequence number it saw, so no event is ever lost.
/// </summary>
public sealed class StoredEvent
{
    public long Sequence { get; set; }
    public required string Type { get; set; }
    public int? AccountId { get; set; }
    public long? InteractionId { get; set; }

    /// <summary>Set for events meant for one person only (an offer, a private draft).</summary>
    public int? UserId { get; set; }

    public required string Payload { get; set; }
    public DateTime At { get; set; }
}
