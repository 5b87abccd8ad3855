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

    /// <summary>
    /// Changes when the person's credentials or standing change (password, sign-out, deactivation, role): a sign-in
    /// cookie carries the stamp it was issued with and is refused once it differs.
    /// </summary>
    public string SecurityStamp { get; set; } = NewStamp();

    /// <summary>
    /// Goes up whenever what the person may see shrinks (removed from an account, role, deactivation): open pages and
    /// live connections started before it are closed, so they reload with what is allowed now.
    /// </summary>
    public int AccessVersion { get; set; }

    /// <summary>The authenticator app's shared secret (Base32), encrypted at rest; set from the start of the set-up.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>When the person confirmed their authenticator app: from then on signing in asks for its code.</summary>
    public DateTime? TotpEnabledAt { get; set; }

    /// <summary>The last 30-second step a code was accepted for: each code signs in once (RFC 6238 §5.2).</summary>
    public long TotpLastStep { get; set; }

    public const int DefaultEmailCapacity = 5;

    public static string NewStamp() => Guid.NewGuid().ToString("N");

    /// <summary>Ends every session and live connection of the person: cookies signed in before are refused.</summary>
    public void Revoke()
    {
        SecurityStamp = NewStamp();
        AccessVersion++;
    }
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
