using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mailroom.TestSupport.OAuth;

/// <summary>
/// A real OAuth 2.0 / OpenID Connect server (OpenIddict) on the loopback port <c>./test.sh</c> gave Dovecot for
/// introspection. Access and refresh tokens are reference tokens kept in its database, so revoking them is seen
/// by the very next introspection; access tokens live <see cref="AccessTokenLifetime"/>, so refreshes happen
/// during a test. For mailboxes the authorization endpoint consents at once for the one named in <c>login_hint</c>;
/// for staff single sign-on (client <see cref="StaffClientId"/>) it shows a sign-in form for the people added with
/// <see cref="AddStaff"/>, and the ID token carries their email, name and groups.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "mailroom";
    public const string ClientSecret = "mailroom-client-secret";
    public const string MailScope = "mail";
    public const string StaffClientId = "mailroom-staff";
    public const string StaffClientSecret = "mailroom-staff-secret";
    public const string GroupsScope = "groups";
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(90);

    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static TestIdentityProvider? _shared;
    private static readonly ConcurrentDictionary<string, bool> ConsentAsked = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, StaffMember> Staff = new(StringComparer.OrdinalIgnoreCase);

    private readonly WebApplication _app;
    private readonly string _directory;

    private TestIdentityProvider(WebApplication app, string directory, Uri issuer)
    {
        _app = app;
        _directory = directory;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    public Uri TokenEndpoint => new(Issuer, "connect/token");

    public Uri AuthorizationEndpoint => new(Issuer, "connect/authorize");

    /// <summary>The one provider of this test process: Dovecot knows a single introspection address.</summary>
    public static async Task<TestIdentityProvider> SharedAsync()
    {
        await StartGate.WaitAsync();
        try
        {
            return _shared ??= await StartAsync(TestEnvironment.OAuthPort, TestEnvironment.OAuthIntrospectionClient);
        }
        finally
        {
            StartGate.Release();
        }
    }

    private static async Task<TestIdentityProvider> StartAsync(int port, (string Id, string Secret) introspector)
    {
        var directory = Path.Combine(Path.GetTempPath(), "mailroom-idp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var issuer = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(issuer.AbsoluteUri);
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<IdentityProviderDb>(o => o.UseSqlite($"Data Source={Path.Combine(directory, "idp.db")}").UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityProviderDb>())
            .AddServer(o =>
            {
                o.SetIssuer(issuer);
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token")
                    .SetIntrospectionEndpointUris("connect/introspect").SetRevocationEndpointUris("connect/revoke");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow().AllowPasswordFlow();
                o.RegisterScopes(MailScope, Scopes.OfflineAccess, Scopes.Email, Scopes.Profile, GroupsScope);
                o.SetAccessTokenLifetime(AccessTokenLifetime);
                o.UseReferenceAccessTokens().UseReferenceRefreshTokens();
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Func<HttpContext, IResult>)Authorize);
        app.MapPost("/connect/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
        await SeedAsync(app.Services, introspector);
        await app.StartAsync();
        return new TestIdentityProvider(app, directory, issuer);
    }

    private static async Task SeedAsync(IServiceProvider services, (string Id, string Secret) introspector)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityProviderDb>().Database.EnsureCreatedAsync();
        var apps = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await apps.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.GrantTypes.Password,
                Permissions.ResponseTypes.Code, Permissions.Prefixes.Scope + MailScope, Permissions.Scopes.Email,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            // Exactly what Mailroom under WebApplicationFactory sends; anything else is refused by the provider.
            RedirectUris = { new Uri("http://localhost/oauth/callback") },
        });
        // Mailroom's staff sign-in: OpenID Connect with the code flow and PKCE, as ASP.NET Core's handler runs it.
        await apps.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = StaffClientId,
            ClientSecret = StaffClientSecret,
            ClientType = ClientTypes.Confidential,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Prefixes.Scope + GroupsScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            RedirectUris = { new Uri("http://localhost/signin-oidc") },
        });
        // Dovecot: a resource server that may only introspect.
        await apps.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = introspector.Id,
            ClientSecret = introspector.Secret,
            ClientType = ClientTypes.Confidential,
            Permissions = { Permissions.Endpoints.Introspection },
        });
    }

    private static IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()!;
        if (request.ClientId == StaffClientId)
        {
            return StaffSignIn(request);
        }

        var mailbox = request.LoginHint;
        if (string.IsNullOrEmpty(mailbox) || !LocalMail.Passwords.ContainsKey(mailbox))
        {
            return Forbid(Errors.AccessDenied, "login_hint must name a mailbox of the test mail server");
        }

        if (ConsentAsked.ContainsKey(mailbox) && (string?)request["idp_consent"] != "allow")
        {
            return FormPage(request, "Allow Mailroom to read and send mail", $"""
                <p>{WebUtility.HtmlEncode(mailbox)}</p><input type="hidden" name="idp_consent" value="allow">
                <button id="idp-allow" type="submit">Allow</button>
                """);
        }

        return Results.SignIn(Principal(mailbox, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()!;
        if (request.IsPasswordGrantType())
        {
            return LocalMail.Passwords.GetValueOrDefault(request.Username ?? "") is { } password && password == request.Password
                ? Results.SignIn(Principal(request.Username!, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
                : Forbid(Errors.InvalidGrant, "wrong mailbox or password");
        }

        // Code and refresh token: OpenIddict has already checked them (expiry, revocation, PKCE, redirect URI).
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = result.Principal?.GetClaim(Claims.Subject);
        if (subject is null)
        {
            return Forbid(Errors.InvalidGrant, "the grant is no longer valid");
        }

        var principal = request.ClientId == StaffClientId && Staff.TryGetValue(subject, out var member)
            ? StaffPrincipal(subject, member, result.Principal!.GetScopes())
            : Principal(subject, result.Principal!.GetScopes());
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// From now on the provider asks before it consents for the mailbox, as Microsoft's and Google's pages do: the way
    /// back to Mailroom then starts from the person's click on the provider's page, not from Mailroom's.
    /// </summary>
    public static void AskConsentFor(string mailbox) => ConsentAsked[mailbox] = true;

    /// <summary>Someone the provider signs in to Mailroom: <paramref name="groups"/> go into their ID token.</summary>
    public static void AddStaff(string email, string password, string name, params string[] groups) =>
        Staff[email] = new StaffMember(password, name, groups);

    private sealed record StaffMember(string Password, string Name, string[] Groups);

    // The provider's own sign-in page.
    private static IResult StaffSignIn(OpenIddictRequest request)
    {
        var email = (string?)request["idp_email"];
        var password = (string?)request["idp_password"];
        if (email is not null && Staff.TryGetValue(email, out var member) && member.Password == password)
        {
            return Results.SignIn(StaffPrincipal(email, member, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var failed = email is null ? "" : "<p id=\"idp-failed\">Wrong email or password.</p>";
        return FormPage(request, "Company sign-in", $"""
            {failed}<label>Email <input id="idp-email" name="idp_email"></label><label>Password <input id="idp-password" name="idp_password" type="password"></label>
            <button id="idp-sign-in" type="submit">Sign in</button>
            """);
    }

    // A page of the provider's own: its form posts the authorization request back with the person's answers.
    private static IResult FormPage(OpenIddictRequest request, string title, string fields)
    {
        var hidden = string.Concat(request.GetParameters().Where(p => !p.Key.StartsWith("idp_", StringComparison.Ordinal))
            .Select(p => $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(p.Key)}\" value=\"{WebUtility.HtmlEncode(p.Value.ToString())}\">"));
        return Results.Content($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>
            <form method="post" action="/connect/authorize">{hidden}{fields}</form></body></html>
            """, "text/html");
    }

    private static ClaimsPrincipal StaffPrincipal(string email, StaffMember member, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, email.ToLowerInvariant()).SetClaim(Claims.Email, email.ToLowerInvariant()).SetClaim(Claims.Name, member.Name)
            .SetClaims(GroupsScope, [.. member.Groups]);
        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }

    // The subject is the mailbox address: Dovecot compares it with the login (username_attribute = sub).
    private static ClaimsPrincipal Principal(string mailbox, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, mailbox.ToLowerInvariant()).SetClaim(Claims.Email, mailbox.ToLowerInvariant());
        identity.SetScopes(scopes).SetResources(TestEnvironment.OAuthIntrospectionClient.Id);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>A refresh token for the mailbox, as a sign-in would yield (password grant: no browser needed).</summary>
    public async Task<string> RefreshTokenForAsync(string mailbox)
    {
        using var http = new HttpClient();
        var response = await http.PostAsync(TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = mailbox,
            ["password"] = LocalMail.Passwords[mailbox],
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["scope"] = $"{MailScope} {Scopes.OfflineAccess}",
        }));
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        return body?.GetValueOrDefault("refresh_token")?.ToString()
            ?? throw new InvalidOperationException($"The identity provider issued no refresh token: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Registers one more exact redirect URI for Mailroom's client: a Mailroom on a real loopback port (the browser
    /// tests) calls back to its own address, which the provider must know character for character.
    /// </summary>
    public async Task AllowRedirectUriAsync(Uri redirectUri, string clientId = ClientId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var apps = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var client = await apps.FindByClientIdAsync(clientId) ?? throw new InvalidOperationException($"The client {clientId} is not seeded.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await apps.PopulateAsync(descriptor, client);
        if (descriptor.RedirectUris.Add(redirectUri))
        {
            await apps.UpdateAsync(client, descriptor);
        }
    }

    /// <summary>Revokes every token issued for the mailbox, as an administrator revoking the app's consent does.</summary>
    public async Task RevokeAsync(string mailbox)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        await foreach (var token in tokens.FindBySubjectAsync(mailbox.ToLowerInvariant()))
        {
            await tokens.TryRevokeAsync(token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
