namespace Mailroom.Core.Users;

/// <summary>Create or edit a person. A null password on edit keeps the current one.</summary>
public sealed record UserInput
{
    public string? Email { get; init; }
    public string? DisplayName { get; init; }
    public Role Role { get; init; } = Role.Agent;
    public string? Password { get; init; }
    public int EmailCapacity { get; init; } = User.DefaultEmailCapacity;
    public bool IsActive { get; init; } = true;
}

public sealed record UserView(int Id, string Email, string DisplayName, Role Role, int EmailCapacity, bool IsActive,
    Presence Presence, string? PauseReason, bool TwoFactor)
{
    public static UserView From(User u) => new(u.Id, u.Email, u.DisplayName, u.Role, u.EmailCapacity, u.IsActive, u.Presence, u.PauseReason,
        u.TotpEnabledAt is not null);
}
