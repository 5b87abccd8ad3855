using System.Security.Cryptography;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Users;

/// <summary>On the very first start, creates the administrator so that somebody can sign in.</summary>
public sealed class AdminBootstrap(MailroomDb db, Passwords passwords, TimeProvider time)
{
    public const string DefaultEmail = "admin@mailroom.local";

    /// <summary>Returns the password to print once when it was generated here; null when nothing was created or it came from the environment.</summary>
    public async Task<(bool Created, string? GeneratedPassword)> EnsureAdminAsync(string? configuredPassword, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.Role == Role.Admin, ct))
        {
            return (false, null);
        }

        var generated = string.IsNullOrEmpty(configuredPassword)
            ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y')
            : null;
        var admin = new User
        {
            Email = DefaultEmail,
            DisplayName = "Administrator",
            Role = Role.Admin,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        admin.PasswordHash = passwords.Hash(admin, generated ?? configuredPassword!);
        db.Users.Add(admin);
        await db.SaveChangesAsync(ct);
        return (true, generated);
    }
}
