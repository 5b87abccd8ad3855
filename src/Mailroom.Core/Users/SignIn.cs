using System.Security.Cryptography;
using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Mailroom.Core.TwoFactor;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Users;

/// <summary>Checks passwords and second factors, and issues or resolves personal API tokens.</summary>
public sealed class SignIn(MailroomDb db, Passwords passwords, SignInGuard guard, SecondFactor secondFactor, TimeProvider time)
{
    /// <summary>A token lives 90 days unless asked otherwise, and never more than a year.</summary>
    public const int DefaultTokenDays = 90;

    public const int MaxTokenDays = 365;

    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(MaxTokenDays);

    /// <summary>
    /// The user for this email and password, or why not. Every attempt costs one password hash, so an unknown or
    /// deactivated address answers as slowly as a wrong password and timing reveals nothing.
    /// </summary>
    public async Task<SignInOutcome> CheckPasswordAsync(string? email, string? password, string? clientIp, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || email.Length > 320 || password.Length > Passwords.MaximumLength)
        {
            return SignInOutcome.Refused;
        }

        var normalized = email.Trim().ToLowerInvariant();
        if (await guard.LockedForAsync(normalized, clientIp, ct) is { } locked)
        {
            await AuditAsync(null, "sign-in refused", normalized, "locked out after failed attempts", clientIp, ct);
            return new SignInOutcome(null, locked);
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == normalized && u.IsActive, ct);
        if (passwords.Verify(user, password))
        {
            // With a second factor to come, the failures are not forgiven yet: else the password would buy new code guesses.
            if (user!.TotpEnabledAt is null)
            {
                await guard.RecordSuccessAsync(normalized, ct);
                await AuditAsync(user, "signed in", normalized, "password", clientIp, ct);
            }

            return new SignInOutcome(user, null);
        }

        await guard.RecordFailureAsync(normalized, clientIp, ct);
        await AuditAsync(null, "sign-in failed", normalized, "wrong email or password", clientIp, ct);
        return SignInOutcome.Refused;
    }

    /// <summary>The second step for a person with two-factor sign-in: their code, under the same lock-out as passwords.</summary>
    public async Task<SignInOutcome> CheckSecondFactorAsync(User user, string? code, string? clientIp, CancellationToken ct)
    {
        if (await guard.LockedForAsync(user.Email, clientIp, ct) is { } locked)
        {
            await AuditAsync(null, "sign-in refused", user.Email, "locked out after failed attempts", clientIp, ct);
            return new SignInOutcome(null, locked);
        }

        if (await secondFactor.AcceptAsync(user, code, ct))
        {
            await guard.RecordSuccessAsync(user.Email, ct);
            await AuditAsync(user, "signed in", user.Email, "password and second factor", clientIp, ct);
            return new SignInOutcome(user, null);
        }

        await guard.RecordFailureAsync(user.Email, clientIp, ct);
        await AuditAsync(null, "sign-in failed", user.Email, "wrong second-factor code", clientIp, ct);
        return SignInOutcome.Refused;
    }

    private async Task AuditAsync(User? user, string action, string email, string details, string? clientIp, CancellationToken ct)
    {
        db.Audit(user is null ? null : new Actor(user.Id, user.Role), action, $"user {email}", details, time.GetUtcNow().UtcDateTime, clientIp);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Creates a token; the caller sees it once, the database keeps only its hash.</summary>
    public async Task<(string Token, ApiToken Row)> IssueTokenAsync(int userId, string? name, int? days, CancellationToken ct)
    {
        new Validator().Length("tokenName", name, 1, 100).Range("expiresInDays", days ?? DefaultTokenDays, 1, MaxTokenDays).ThrowIfInvalid();
        var token = "mr_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow().UtcDateTime;
        var row = new ApiToken
        {
            UserId = userId,
            Name = string.IsNullOrWhiteSpace(name) ? "api" : name.Trim(),
            TokenHash = HashToken(token),
            CreatedAt = now,
            ExpiresAt = now.AddDays(days ?? DefaultTokenDays),
        };
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return (token, row);
    }

    /// <summary>The active owner of an unexpired, unrevoked token.</summary>
    public async Task<User?> ResolveTokenAsync(string token, CancellationToken ct)
    {
        var hash = HashToken(token);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.ApiTokens.AsNoTracking().Where(t => t.TokenHash == hash && t.ExpiresAt > now && t.User!.IsActive)
            .Select(t => t.User).FirstOrDefaultAsync(ct);
    }

    private static string HashToken(string token) => BlobStore.Hash(System.Text.Encoding.UTF8.GetBytes(token));
}

/// <summary>A signed-in user, or none; <see cref="LockedFor"/> says sign-in is refused for a while (too many failures).</summary>
public sealed record SignInOutcome(User? User, TimeSpan? LockedFor)
{
    public static readonly SignInOutcome Refused = new(null, null);
}
