using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.TwoFactor;

/// <summary>Where a person stands: on or not, whether their role must have it, recovery codes left.</summary>
public sealed record TwoFactorStatus(bool Enabled, DateTime? EnabledAt, bool Required, bool SetUpStarted, int RecoveryCodesLeft);

/// <summary>What the authenticator app needs: the secret to type in, and the otpauth URI its QR code carries.</summary>
public sealed record TwoFactorSetup(string Secret, string OtpAuthUri);

/// <summary>
/// Turning two-factor sign-in on and off. A person sets it up for themselves: a new secret, then the app's first code
/// confirms it and ten recovery codes are shown once. Turning it off takes a code; an administrator may reset it for
/// someone who lost their phone, which also signs that person out everywhere.
/// </summary>
public sealed class TwoFactorEnrolment(MailroomDb db, AuthenticatorCodes codes, SecondFactor secondFactor, TwoFactorPolicies policies, TimeProvider time)
{
    public async Task<TwoFactorStatus> StatusAsync(Actor actor, CancellationToken ct)
    {
        var user = await SelfAsync(actor, ct);
        var left = await db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null, ct);
        return new TwoFactorStatus(user.TotpEnabledAt is not null, user.TotpEnabledAt, (await policies.GetAsync(ct)).Requires(user.Role),
            user.TotpSecret is not null && user.TotpEnabledAt is null, left);
    }

    public async Task<TwoFactorSetup> BeginAsync(Actor actor, CancellationToken ct)
    {
        var user = await SelfAsync(actor, ct);
        if (user.TotpEnabledAt is not null)
        {
            throw new ConflictException("Two-factor sign-in is on already: turn it off first to move to another app.");
        }

        var (secret, protectedSecret) = codes.NewSecret();
        user.TotpSecret = protectedSecret;
        await db.SaveChangesAsync(ct);
        var label = Uri.EscapeDataString($"Mailroom:{user.Email}");
        return new TwoFactorSetup(secret, $"otpauth://totp/{label}?secret={secret}&issuer=Mailroom&digits=6&period=30");
    }

    /// <summary>The app's code proves it holds the secret: two-factor sign-in is on; the answer is the recovery codes, shown once.</summary>
    public async Task<IReadOnlyList<string>> ConfirmAsync(Actor actor, string? code, CancellationToken ct)
    {
        var user = await SelfAsync(actor, ct);
        if (user is not { TotpSecret: { } secret, TotpEnabledAt: null })
        {
            throw new ConflictException(user.TotpEnabledAt is null ? "Start the set-up first." : "Two-factor sign-in is on already.");
        }

        var step = codes.Match(secret, code, time.GetUtcNow().UtcDateTime, afterStep: 0)
            ?? throw ValidationFailedException.For("code", "is not the code the app shows now: check that the phone's clock is right and type the current one.");
        var recovery = AuthenticatorCodes.NewRecoveryCodes();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(ct);
        db.RecoveryCodes.AddRange(recovery.Select(c => new RecoveryCode { UserId = user.Id, CodeHash = AuthenticatorCodes.HashRecoveryCode(c) }));
        (user.TotpEnabledAt, user.TotpLastStep) = (time.GetUtcNow().UtcDateTime, step);
        db.Audit(actor, "two-factor on", $"user {user.Email}", "authenticator app", time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return recovery;
    }

    /// <summary>Off for oneself with a current code (or a recovery code); off for someone else by an administrator.</summary>
    public async Task DisableAsync(Actor actor, int userId, string? code, CancellationToken ct)
    {
        if (actor.UserId != userId)
        {
            actor.RequireAdmin();
        }

        var user = await db.VisibleUsers(actor).FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException($"User {userId}");
        if (actor.UserId == userId && user.TotpEnabledAt is not null && !await secondFactor.AcceptAsync(user, code, ct))
        {
            throw ValidationFailedException.For("code", "is needed to turn it off: type the code the app shows now, or a recovery code.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        var wasOn = user.TotpEnabledAt is not null;
        (user.TotpSecret, user.TotpEnabledAt, user.TotpLastStep) = (null, null, 0);
        db.Audit(actor, actor.UserId == userId ? "two-factor off" : "two-factor reset", $"user {user.Email}", wasOn ? null : "was not on", time.GetUtcNow().UtcDateTime);
        if (actor.UserId != userId)
        {
            // A lost phone may be in someone else's hands: every session of the person ends.
            user.Revoke();
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task<User> SelfAsync(Actor actor, CancellationToken ct) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId && u.IsActive, ct) ?? throw new NotFoundException($"User {actor.UserId}");
}
