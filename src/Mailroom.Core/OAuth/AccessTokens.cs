using System.Collections.Concurrent;
using Mailroom.Core.Security;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.OAuth;

/// <summary>
/// Hands out a valid access token for an OAuth account, refreshing it when less than <see cref="Margin"/> is left.
/// Reads the grant from the database each time (the watcher's copy of the account is old) and stores a rotated
/// refresh token at once: a provider that rotates refuses the old one from then on.
/// </summary>
public sealed class AccessTokens(IDbContextFactory<MailroomDb> dbs, SecretProtector secrets, TokenEndpoint endpoint,
    TimeProvider time, ILogger<AccessTokens> logger)
{
    /// <summary>A token is renewed this long before it expires, so a session opened with it is not refused halfway.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);

    // One refresh per account at a time: two at once would spend a rotating refresh token twice.
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _locks = new();

    public async Task<AccessToken> GetAsync(int accountId, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(accountId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var account = await db.Accounts.FirstAsync(a => a.Id == accountId, ct);
            var grant = account.OAuth;
            var app = await db.OAuthApps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == account.OAuthAppId, ct)
                ?? throw new OAuthException("not_configured", "the account has no OAuth app registration", signInNeeded: true);
            var now = time.GetUtcNow().UtcDateTime;
            if (grant.AccessTokenCipher is not null && grant.AccessTokenExpiresAt > now + Margin)
            {
                return new AccessToken(secrets.Unprotect(grant.AccessTokenCipher)!, ProviderEndpoints.For(app).Mechanism);
            }

            var clientCredentials = ProviderEndpoints.For(app).ClientCredentials;
            if (!clientCredentials && (grant.State == GrantState.SignInNeeded || grant.RefreshTokenCipher is null))
            {
                // Asking again would only earn the same refusal; a person has to sign in.
                throw new OAuthException("sign_in_needed", grant.Problem ?? "nobody has signed in to this account yet", signInNeeded: true);
            }

            var secret = secrets.Unprotect(app.ClientSecretCipher) ?? "";
            try
            {
                var token = clientCredentials
                    ? await endpoint.ClientCredentialsAsync(app, secret, ct)
                    : await endpoint.RefreshAsync(app, secret, secrets.Unprotect(grant.RefreshTokenCipher)!, ct);
                Store(grant, token, now);
                await db.SaveChangesAsync(CancellationToken.None);
                logger.LogInformation("Access token of account {AccountId} renewed, valid until {ExpiresAt:u}", accountId, grant.AccessTokenExpiresAt);
                return new AccessToken(token.AccessToken, ProviderEndpoints.For(app).Mechanism);
            }
            catch (OAuthException failure) when (failure.SignInNeeded)
            {
                grant.State = GrantState.SignInNeeded;
                grant.Problem = failure.Message;
                grant.AccessTokenCipher = null;
                await db.SaveChangesAsync(CancellationToken.None);
                logger.LogWarning("Account {AccountId} needs to be signed in again: {Error}", accountId, failure.Message);
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Records a fresh token response on the grant (also after the first sign-in).</summary>
    public void Store(OAuthGrant grant, TokenResponse token, DateTime now)
    {
        grant.AccessTokenCipher = secrets.Protect(token.AccessToken);
        // A provider that does not say how long assumes an hour (RFC 6749 leaves it open; all the big ones say 3600).
        grant.AccessTokenExpiresAt = now.AddSeconds(token.ExpiresIn ?? 3600);
        grant.RefreshTokenCipher = token.RefreshToken is null ? grant.RefreshTokenCipher : secrets.Protect(token.RefreshToken);
        grant.State = GrantState.Active;
        grant.Problem = null;
    }
}

/// <summary>A bearer token and the SASL mechanism its provider wants it presented with.</summary>
public sealed record AccessToken(string Value, OAuthMechanism Mechanism)
{
    // A token in a log line is a session for whoever reads the log.
    public override string ToString() => $"AccessToken {{ Mechanism = {Mechanism} }}";
}
