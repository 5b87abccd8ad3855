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
/// during a test. The authorization endpoint consents at once for the mailbox named in <c>login_hint</c>.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "mailroom";
    public const string ClientSecret = "mailroom-client-secret";
    public const string MailScope = "mail";
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(90);

    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static TestIdentityProvider? _shared;

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
                o.RegisterScopes(MailScope, Scopes.OfflineAccess, Scopes.Email);
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
        var mailbox = request.LoginHint;
        if (string.IsNullOrEmpty(mailbox) || !LocalMail.Passwords.ContainsKey(mailbox))
        {
            return Forbid(Errors.AccessDenied, "login_hint must name a mailbox of the test mail server");
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
        return subject is null
            ? Forbid(Errors.InvalidGrant, "the grant is no longer valid")
            : Results.SignIn(Principal(subject, result.Principal!.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
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
    public async Task AllowRedirectUriAsync(Uri redirectUri)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var apps = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var client = await apps.FindByClientIdAsync(ClientId) ?? throw new InvalidOperationException("The Mailroom client is not seeded.");
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
