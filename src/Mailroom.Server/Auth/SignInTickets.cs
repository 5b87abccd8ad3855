using System.Globalization;
using System.Security.Cryptography;
using Mailroom.Core.Users;
using Microsoft.AspNetCore.DataProtection;

namespace Mailroom.Server.Auth;

/// <summary>
/// Between the password and the code: a ticket, encrypted and good for five minutes, that says whose password was
/// right and where they were going. A password change or sign-out meanwhile (another security stamp) voids it.
/// </summary>
internal sealed class SignInTickets(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Mailroom.SignInTicket.v1").ToTimeLimitedDataProtector();

    public string Issue(User user, string target) =>
        _protector.Protect(FormattableString.Invariant($"{user.Id}|{user.SecurityStamp}|{target}"), time.GetUtcNow().Add(Lifetime));

    /// <summary>(user id, security stamp, target), or null for a ticket that is forged, damaged or too old.</summary>
    public (int UserId, string Stamp, string Target)? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 4000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(ticket, out var expires).Split('|', 3);
            return expires >= time.GetUtcNow() && parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? (id, parts[1], parts[2])
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
