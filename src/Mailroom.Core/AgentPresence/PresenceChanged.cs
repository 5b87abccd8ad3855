using Mailroom.Core.Users;

namespace Mailroom.Core.AgentPresence;

/// <summary>An agent went online, paused (with a reason) or offline; supervisors' boards and routing react.</summary>
public sealed record PresenceChanged(int UserId, Presence Presence, string? Reason);
