using Microsoft.AspNetCore.DataProtection;

namespace Mailroom.Core.Security;

/// <summary>Encrypts mailbox passwords at rest with Data Protection (keys under <c>./data/keys</c>).</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Mailroom.AccountSecrets.v1");

    public string? Protect(string? secret) => string.IsNullOrEmpty(secret) ? null : _protector.Protect(secret);

    public string? Unprotect(string? cipher) => string.IsNullOrEmpty(cipher) ? null : _protector.Unprotect(cipher);
}
