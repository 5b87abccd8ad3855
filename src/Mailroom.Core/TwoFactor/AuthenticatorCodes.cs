using System.Security.Cryptography;
using Mailroom.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace Mailroom.Core.TwoFactor;

/// <summary>
/// The authenticator app's side of the bargain (RFC 6238: six digits, 30-second steps, SHA-1 as every app expects):
/// new secrets, encrypted at rest; codes checked with one step of clock drift either way; recovery codes and their hashes.
/// </summary>
public sealed class AuthenticatorCodes(IDataProtectionProvider protection)
{
    public const int RecoveryCodeCount = 10;

    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);
    private readonly IDataProtector _secrets = protection.CreateProtector("Mailroom.TotpSecrets.v1");

    /// <summary>A new shared secret: (Base32 as the app takes it, the same encrypted for the database).</summary>
    public (string Secret, string Protected) NewSecret()
    {
        var secret = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));
        return (secret, _secrets.Protect(secret));
    }

    public string Unprotect(string protectedSecret) => _secrets.Unprotect(protectedSecret);

    /// <summary>The step <paramref name="code"/> is good for at <paramref name="now"/>, if it is one later than <paramref name="afterStep"/>.</summary>
    public long? Match(string protectedSecret, string? code, DateTime now, long afterStep)
    {
        var digits = code?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits is not { Length: 6 } || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(Unprotect(protectedSecret)));
        return totp.VerifyTotp(now, digits, out var step, Drift) && step > afterStep ? step : null;
    }

    /// <summary>Ten codes like <c>k3m9q-7xw2p</c>: shown once, kept only as hashes.</summary>
    public static IReadOnlyList<string> NewRecoveryCodes() =>
        Enumerable.Range(0, RecoveryCodeCount).Select(_ =>
        {
            var raw = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(10)).ToLowerInvariant()[..10];
            return $"{raw[..5]}-{raw[5..]}";
        }).ToList();

    /// <summary>The hash a recovery code is kept as; spaces, dashes and case do not matter.</summary>
    public static string HashRecoveryCode(string code) =>
        BlobStore.Hash(System.Text.Encoding.UTF8.GetBytes(code.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToLowerInvariant()));
}
