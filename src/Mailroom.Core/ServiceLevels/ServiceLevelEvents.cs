namespace Mailroom.Core.ServiceLevels;

/// <summary>A clock reached "at risk" or breached (Mark: "at-risk" or "breached"); boards and desktops re-read it.</summary>
public sealed record ServiceLevelReached(long InteractionId, int AccountId, SlaKind Kind, string Mark, DateTime DueAt);
