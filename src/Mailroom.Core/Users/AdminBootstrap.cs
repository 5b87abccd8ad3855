using System.Security.Cryptography;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Users;

/// <summary>The first administrator: created on first start, and the way back in when its password is lost.</summary>
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

        var generated = string.IsNullOrEmpty(configuredPassword) ? GeneratePassword() : null;
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

    /// <summary>The administrator created first (the one a fresh install prints), or null before the first start.</summary>
    public Task<User?> FirstAdminAsync(CancellationToken ct) =>
        db.Users.Where(u => u.Role == Role.Admin).OrderBy(u => u.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Gives the first administrator a new generated password and makes it active again: the operator's way back
    /// in from the command line when nobody can sign in as an administrator any more.
    /// </summary>
    public async Task<(string Email, string Password)> ResetFirstAdminAsync(CancellationToken ct)
    {
        var admin = await db.Users.Where(u => u.Role == Role.Admin).OrderBy(u => u.Id).FirstAsync(ct);
        var password = GeneratePassword();
        admin.PasswordHash = passwords.Hash(admin, password);
        admin.IsActive = true;
        await db.SaveChangesAsync(ct);
        return (admin.Email, password);
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
}
