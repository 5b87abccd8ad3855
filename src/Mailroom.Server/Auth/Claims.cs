using System.Security.Claims;
using Mailroom.Core.Common;
using Mailroom.Core.Users;

namespace Mailroom.Server.Auth;

internal static class Claims
{
    /// <summary>The <see cref="User.SecurityStamp"/> a principal was issued with.</summary>
    public const string Stamp = "mailroom:stamp";

    /// <summary>
    /// Added on every request of a person whose role must use two-factor sign-in and who has not set it up: they may
    /// do nothing else (<see cref="TwoFactorGate"/>).
    /// </summary>
    public const string TwoFactorSetUpDue = "mailroom:2fa-set-up-due";

    /// <summary>
    /// The person signed in through the company's identity provider, whose own policy decides the second factor:
    /// Mailroom's two-factor requirement applies to password sign-ins.
    /// </summary>
    public const string SingleSignOn = "mailroom:sso";

    public static bool MustSetUpTwoFactor(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == TwoFactorSetUpDue);

    public static string RoleName(Role role) => role.ToString().ToLowerInvariant();

    public static ClaimsPrincipal PrincipalFor(User user, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.DisplayName),
        new Claim(ClaimTypes.Email, user.Email),
        new Claim(ClaimTypes.Role, RoleName(user.Role)),
        new Claim(Stamp, user.SecurityStamp),
    ], scheme));

    public static int? UserId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The signed-in person as the use cases see them.</summary>
    public static Actor Actor(this ClaimsPrincipal principal) =>
        new(principal.UserId() ?? throw new InvalidOperationException("Not signed in."),
            Enum.Parse<Role>(principal.FindFirstValue(ClaimTypes.Role) ?? "agent", ignoreCase: true));
}
