using System.Security.Claims;
using Mailroom.Core.SingleSignOn;
using Mailroom.Core.Storage;
using Mailroom.Core.TwoFactor;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Auth;

internal static class AuthSetup
{
    public const string Smart = "Mailroom";

    /// <summary>Cookies for the web UI, personal bearer tokens for scripts; the request decides which.</summary>
    public static void AddMailroomAuth(this WebApplicationBuilder builder, SsoOptions sso)
    {
        builder.Services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                BearerTokenHandler.FindToken(ctx.Request) is not null
                    ? BearerTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.Cookie.Name = "mailroom";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request came over HTTPS (behind a TLS proxy too, see UseForwardedHeaders).
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = RejectDeactivatedUsers;
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddMailroomSingleSignOn(sso);
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<LiveSessions>();
        builder.Services.AddSingleton<SignInTickets>();
        builder.Services.AddHostedService<LiveSessionSweeper>();
        builder.Services.AddCascadingAuthenticationState();
    }

    // The API answers 401/403 instead of redirecting to the sign-in page.
    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
        {
            ctx.Response.StatusCode = status;
        }
        else
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }

        return Task.CompletedTask;
    }

    // A deactivated or demoted user, or a cookie from before a sign-out or a password change (another security
    // stamp), loses access at the next request, not when the cookie expires. A person whose role must use two-factor
    // sign-in and who has not set it up is marked for the gate on every request, so that the mark goes the moment
    // they set it up, and comes the moment an administrator requires it; a single sign-on is the provider's to secure.
    private static async Task RejectDeactivatedUsers(CookieValidatePrincipalContext ctx)
    {
        var id = ctx.Principal?.UserId();
        var role = ctx.Principal?.FindFirstValue(ClaimTypes.Role);
        var stamp = ctx.Principal?.FindFirstValue(Claims.Stamp);
        var db = ctx.HttpContext.RequestServices.GetRequiredService<MailroomDb>();
        var user = id is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
        if (user is null || !user.IsActive || Claims.RoleName(user.Role) != role || user.SecurityStamp != stamp)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        var policies = ctx.HttpContext.RequestServices.GetRequiredService<TwoFactorPolicies>();
        if (user.TotpEnabledAt is null && !ctx.Principal!.HasClaim(c => c.Type == Claims.SingleSignOn) && (await policies.GetAsync(ctx.HttpContext.RequestAborted)).Requires(user.Role))
        {
            ctx.Principal!.Identities.First().AddClaim(new Claim(Claims.TwoFactorSetUpDue, "1"));
        }
    }
}
