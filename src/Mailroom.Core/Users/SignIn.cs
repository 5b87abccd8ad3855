using System.Security.Cryptography;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Users;

/// <summary>Checks passwords and issues or resolves personal API tokens.</summary>
public sealed class SignIn(MailroomDb db, Passwords passwords, TimeProvider time)
{
    public async Task<User?> CheckPasswordAsync(string? email, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var normalized = email.Trim().ToLowerInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == normalized && u.IsActive, ct);
        return user is not null && passwords.Verify(user, password) ? user : null;
    }

    /// <summary>Creates a token; the caller sees it once, the database keeps only its hash.</summary>
    public async Task<string> IssueTokenAsync(int userId, string name, CancellationToken ct)
    {
        var token = "mr_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.ApiTokens.Add(new ApiToken { UserId = userId, Name = name, TokenHash = HashToken(token), CreatedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<User?> ResolveTokenAsync(string token, CancellationToken ct)
    {
        var hash = HashToken(token);
        return await db.ApiTokens.AsNoTracking().Where(t => t.TokenHash == hash && t.User!.IsActive)
            .Select(t => t.User).FirstOrDefaultAsync(ct);
    }

    private static string HashToken(string token) => BlobStore.Hash(System.Text.Encoding.UTF8.GetBytes(token));
}
