namespace Mailroom.Core.ServiceLevels;

/// <summary>A clock reached "at risk" or breached (Mark: "at-risk" or "breached"); boards and desktops re-read it.</summary>
public sealed record ServiceLevelReached(long InteractionId, int AccountId, SlaKind Kind, string Mark, DateTime DueAt);

// A clock's life as its interaction changes (SyncClocks): the board's figures and the agent's clock re-read on them.

/// <summary>A target began to count (a customer opened the interaction, or wrote again after a reply).</summary>
public sealed record SlaClockStarted(long InteractionId, int AccountId, SlaKind Kind, DateTime? DueAt);

/// <summary>A target was fulfilled (a reply, a close): in time, or late once breached.</summary>
public sealed record SlaClockStopped(long InteractionId, int AccountId, SlaKind Kind, bool InTime);

/// <summary>A clock stopped counting for now (parked, Pending) or counts again.</summary>
public sealed record SlaClockPaused(long InteractionId, int AccountId, SlaKind Kind, bool Paused, DateTime? DueAt);
