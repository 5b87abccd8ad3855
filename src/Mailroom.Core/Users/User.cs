namespace Mailroom.Core.Users;

/// <summary>A person who signs in: an administrator, a supervisor or an agent.</summary>
public sealed class User
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public Role Role { get; set; } = Role.Agent;
    public string PasswordHash { get; set; } = "";
    public bool IsActive { get; set; } = true;

    /// <summary>Maximum number of email interactions assigned at once (the channel capacity).</summary>
    public int EmailCapacity { get; set; } = DefaultEmailCapacity;

    public Presence Presence { get; set; } = Presence.Offline;
    public string? PauseReason { get; set; }
    public DateTime PresenceChangedAt { get; set; }

    /// <summary>When this agent last got an interaction: the "least recent" routing strategy reads it.</summary>
    public DateTime? LastAssignedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public const int DefaultEmailCapacity = 5;
}

public enum Role
{
    Agent = 0,
    Supervisor = 1,
    Admin = 2,
}

public enum Presence
{
    Offline = 0,
    Online = 1,
    Paused = 2,
}
