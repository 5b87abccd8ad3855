using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mailroom.Core.Accounts;
using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.OAuth;

/// <summary>
/// "Sign in with …" on an account: the authorization-code flow with PKCE (S256). The state parameter carries the
/// account, the administrator and the code verifier, encrypted and valid ten minutes, so nothing waits in the
/// database and a state from another person or an old tab is refused.
/// </summary>
public sealed class OAuthSignIn(MailroomDb db, AccessTokens tokens, TokenEndpoint endpoint, Security.SecretProtector secrets,
    IDataProtectionProvider protection, TimeProvider time)
{
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);
    private readonly IDataProtector _state = protection.CreateProtector("Mailroom.OAuthSignIn.v1");

    /// <summary>Where to send the administrator's browser to consent.</summary>
    public async Task<Uri> StartAsync(Actor actor, int accountId, Uri redirectUri, CancellationToken ct)
    {
        actor.RequireAdmin();
        var (account, app) = await LoadAsync(accountId, ct);
        var endpoints = ProviderEndpoints.For(app);
        if (endpoints.Authorization is null)
        {
            throw ValidationFailedException.For("oAuthAppId",
                $"'{app.Name}' signs in as the app itself (client credentials): nobody signs in, verify the connection instead.");
        }

        var verifier = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = _state.Protect(JsonSerializer.Serialize(new SignInState(accountId, actor.UserId, verifier, time.GetUtcNow().Add(StateLifetime))));
        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = app.ClientId,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["scope"] = endpoints.Scopes,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            // The provider proposes the mailbox being connected instead of whoever is signed in to the browser.
            ["login_hint"] = account.Imap.Username ?? account.Address,
        };
        foreach (var (name, value) in endpoints.ExtraAuthorizationParameters)
        {
            query[name] = value;
        }

        var separator = endpoints.Authorization.Query.Length > 0 ? "&" : "?";
        return new Uri(endpoints.Authorization.AbsoluteUri + separator
            + string.Join("&", query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));
    }

    /// <summary>Redeems the provider's answer; returns the account signed in. The provider's refusal is a 400 in its words.</summary>
    public async Task<int> CompleteAsync(Actor actor, string? code, string? state, string? error, string? errorDescription, Uri redirectUri, CancellationToken ct)
    {
        actor.RequireAdmin();
        var signIn = Read(state);
        if (signIn.UserId != actor.UserId)
        {
            throw ValidationFailedException.For("state", "this sign-in was started by someone else: start it again from the account.");
        }

        if (error is not null || string.IsNullOrEmpty(code))
        {
            throw ValidationFailedException.For("code", $"the provider did not sign in: {error ?? "no code"}{(errorDescription is null ? "" : ": " + errorDescription)}.");
        }

        var (account, app) = await LoadAsync(signIn.AccountId, ct);
        TokenResponse token;
        try
        {
            token = await endpoint.RedeemCodeAsync(app, secrets.Unprotect(app.ClientSecretCipher) ?? "", code, redirectUri, signIn.Verifier, ct);
        }
        catch (OAuthException ex)
        {
            throw ValidationFailedException.For("code", $"the provider refused the sign-in: {ex.Message}. {ex.Advice}");
        }

        if (token.RefreshToken is null)
        {
            throw ValidationFailedException.For("code", "the provider issued no refresh token: the app registration must allow offline access (offline_access).");
        }

        var now = time.GetUtcNow().UtcDateTime;
        tokens.Store(account.OAuth, token, now);
        db.Append(new AccountChanged(account.Id, Deleted: false), now, account.Id);
        db.Audit(actor, "mailbox signed in", $"account {account.Key}", $"with app registration {app.Name}", now);
        await db.SaveChangesAsync(CancellationToken.None);
        return account.Id;
    }

    private SignInState Read(string? state)
    {
        SignInState? signIn = null;
        try
        {
            signIn = JsonSerializer.Deserialize<SignInState>(_state.Unprotect(state ?? ""));
        }
        catch (CryptographicException)
        {
        }

        return signIn is not null && signIn.ExpiresAt > time.GetUtcNow()
            ? signIn
            : throw ValidationFailedException.For("state", "the sign-in expired or was not started here: start it again from the account.");
    }

    private async Task<(EmailAccount Account, OAuthApp App)> LoadAsync(int accountId, CancellationToken ct)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct) ?? throw new NotFoundException($"Email account {accountId}");
        var app = account.AuthMethod == MailAuthMethod.OAuth
            ? await db.OAuthApps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == account.OAuthAppId, ct)
            : null;
        return app is null
            ? throw ValidationFailedException.For("authMethod", "the account does not sign in with OAuth: choose OAuth and an app registration first.")
            : (account, app);
    }

    private sealed record SignInState(int AccountId, int UserId, string Verifier, DateTimeOffset ExpiresAt);
}
