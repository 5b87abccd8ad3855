using Microsoft.AspNetCore.Identity;

namespace Mailroom.Core.Users;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher: salted, versioned, upgradeable.</summary>
public sealed class Passwords
{
    public const int MinimumLength = 8;

    private readonly PasswordHasher<User> _hasher = new();

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    public bool Verify(User user, string password) =>
        user.PasswordHash.Length > 0 && _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
}
