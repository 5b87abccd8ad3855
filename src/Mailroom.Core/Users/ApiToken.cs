namespace Mailroom.Core.Users;

/// <summary>A personal API token. Only its SHA-256 is stored, so a database leak reveals no usable token.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }

    /// <summary>After this the token is refused; every token expires (<see cref="SignIn.MaxTokenLifetime"/> at most).</summary>
    public DateTime ExpiresAt { get; set; }
}
