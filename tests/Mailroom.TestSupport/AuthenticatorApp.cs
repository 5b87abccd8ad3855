using OtpNet;

namespace Mailroom.TestSupport;

/// <summary>What the person's phone does: the six digits for a secret at a time (RFC 6238, as every authenticator app).</summary>
public static class AuthenticatorApp
{
    public static string Code(string base32Secret, DateTime at) => new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(at);

    /// <summary>The code of the next 30-second step: what a phone whose clock runs a little ahead shows.</summary>
    public static string NextCode(string base32Secret, DateTime at) => Code(base32Secret, at.AddSeconds(30));
}
