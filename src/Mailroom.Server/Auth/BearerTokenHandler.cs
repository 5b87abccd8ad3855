using System.Text.Encodings.Web;
using Mailroom.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Mailroom.Server.Auth;

/// <summary>Authenticates <c>Authorization: Bearer mr_…</c> with a personal API token.</summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SignIn signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>
    /// The header, or on <c>/hubs/</c> the <c>access_token</c> query parameter: browsers cannot set headers on
    /// WebSockets, so SignalR clients send the token there. Only hubs accept it, to keep tokens out of API URLs.
    /// </summary>
    public static string? FindToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } query ? query : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (FindToken(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var user = await signIn.ResolveTokenAsync(token, Context.RequestAborted);
        return user is null
            ? AuthenticateResult.Fail("Unknown or revoked token.")
            : AuthenticateResult.Success(new AuthenticationTicket(Claims.PrincipalFor(user, SchemeName), SchemeName));
    }
}
