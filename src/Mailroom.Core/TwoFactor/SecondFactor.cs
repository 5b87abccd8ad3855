using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.TwoFactor;

/// <summary>
/// Checks the second factor of a person who has one: a code from the app, good once — two sign-ins racing with the same
/// code are settled by a conditional update of the last step — or an unused recovery code, which is then spent.
/// </summary>
public sealed class SecondFactor(MailroomDb db, AuthenticatorCodes codes, TimeProvider time)
{
    public async Task<bool> AcceptAsync(User user, string? code, CancellationToken ct)
    {
        if (user is not { TotpEnabledAt: not null, TotpSecret: { } secret } || string.IsNullOrWhiteSpace(code) || code.Length > 40)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (codes.Match(secret, code, now, user.TotpLastStep) is { } step)
        {
            return await db.Users.Where(u => u.Id == user.Id && u.TotpLastStep < step)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpLastStep, step), ct) == 1;
        }

        var hash = AuthenticatorCodes.HashRecoveryCode(code);
        return await db.RecoveryCodes.Where(c => c.UserId == user.Id && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct) == 1;
    }
}
