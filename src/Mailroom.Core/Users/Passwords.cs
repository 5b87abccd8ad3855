using Microsoft.AspNetCore.Identity;

namespace Mailroom.Core.Users;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher: salted, versioned, upgradeable.</summary>
public sealed class Passwords
{
    /// <summary>For new and changed passwords; existing ones keep working until they are changed.</summary>
    public const int MinimumLength = 12;

    /// <summary>Hashing is deliberately slow: a megabyte password must not cost a megabyte of PBKDF2.</summary>
    public const int MaximumLength = 256;

    private static readonly User Nobody = new() { Email = "", DisplayName = "" };

    private readonly PasswordHasher<User> _hasher = new();

    // Verified against when the address is unknown, so that answer costs what a wrong password costs.
    private readonly string _dummyHash;

    public Passwords() => _dummyHash = _hasher.HashPassword(Nobody, Guid.NewGuid().ToString());

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    /// <summary>False for a null user too, after the same work.</summary>
    public bool Verify(User? user, string password)
    {
        if (user is null || user.PasswordHash.Length == 0)
        {
            _hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
            return false;
        }

        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
    }
}
