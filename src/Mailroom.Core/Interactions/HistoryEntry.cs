namespace Mailroom.Core.Interactions;

/// <summary>Who did what to an interaction, and when: every use case appends one.</summary>
public sealed class HistoryEntry
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public int? ActorUserId { get; set; }
    public required string Action { get; set; }
    public string? Details { get; set; }
    public DateTime At { get; set; }
}
