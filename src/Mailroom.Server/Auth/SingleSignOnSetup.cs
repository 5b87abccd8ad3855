using System.Net;
using System.Security.Claims;
using Mailroom.Core.SingleSignOn;
using Mailroom.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Mailroom.Server.Auth;

/// <summary>
/// Staff single sign-on with ASP.NET Core's OpenID Connect handler: the authorization-code flow with PKCE, the ID
/// token checked against the provider's published keys. The handler only vouches for who came back; Mailroom's own
/// cookie is issued by <see cref="SsoSignIn"/>'s decision, so a person signed in this way is the same kind of
/// session as one signed in with a password (revocable, re-checked on every request).
/// </summary>
internal static class SingleSignOnSetup
{
    public const string Scheme = "sso";
    public const string CallbackPath = "/signin-oidc";

    public static AuthenticationBuilder AddMailroomSingleSignOn(this AuthenticationBuilder auth, SsoOptions sso)
    {
        if (!sso.Enabled)
        {
            return auth;
        }

        return auth.AddOpenIdConnect(Scheme, "Single sign-on", o =>
        {
            o.Authority = sso.Authority;
            o.ClientId = sso.ClientId;
            o.ClientSecret = sso.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // Back with a GET: a cross-site form post would need SameSite=None cookies, which plain HTTP cannot carry.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = o.NonceCookie.SameSite = SameSiteMode.Lax;
            // Secure behind TLS (see UseForwardedHeaders); on a plain-HTTP loopback install they must still come back.
            o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CallbackPath = CallbackPath;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            // Only a provider on this very machine may be reached without TLS.
            o.RequireHttpsMetadata = !IsLoopback(sso.Authority!);
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.Scope.Clear();
            foreach (var scope in $"openid profile email {sso.ExtraScopes}".Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct())
            {
                o.Scope.Add(scope);
            }

            o.Events.OnTicketReceived = ctx => SignInAsync(ctx, sso);
            o.Events.OnRemoteFailure = ctx =>
            {
                ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOnSetup))
                    .LogWarning(ctx.Failure, "Single sign-on did not complete");
                ctx.Response.Redirect("/login?sso=failed");
                ctx.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    private static async Task SignInAsync(TicketReceivedContext ctx, SsoOptions sso)
    {
        ctx.HandleResponse();
        var claims = ctx.Principal!;
        var identity = new SsoIdentity(
            claims.FindFirstValue("email") ?? claims.FindFirstValue("preferred_username") ?? claims.FindFirstValue("upn"),
            claims.FindFirstValue("name"),
            claims.FindAll(sso.GroupsClaim).Select(c => c.Value).ToList());
        var http = ctx.HttpContext;
        var outcome = await http.RequestServices.GetRequiredService<SsoSignIn>()
            .SignInAsync(identity, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        if (outcome.User is not { } user)
        {
            http.Response.Redirect("/login?sso=" + outcome.Refusal.ToString()!.ToLowerInvariant());
            return;
        }

        var principal = Claims.PrincipalFor(user, CookieAuthenticationDefaults.AuthenticationScheme);
        principal.Identities.First().AddClaim(new Claim(Claims.SingleSignOn, "1"));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        var target = AuthEndpoints.LocalPath(ctx.ReturnUri);
        await SameSiteHop.WriteAsync(http.Response, target == "/" ? LandingPage.For(user.Role) : target);
    }

    private static bool IsLoopback(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
}
