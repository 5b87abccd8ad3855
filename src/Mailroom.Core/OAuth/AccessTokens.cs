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

    /// <summary>How long another node's claim on a refresh is honoured before it counts as abandoned.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ClaimPoll = TimeSpan.FromMilliseconds(200);

    // In this process one refresh per account at a time without asking the database; ClaimAsync does it across nodes.
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _locks = new();

    public Task<AccessToken> GetAsync(int accountId, CancellationToken ct) => GetAsync(accountId, Margin, ct);

    /// <summary>As <see cref="GetAsync(int, CancellationToken)"/>, renewing already when less than <paramref name="renewWithin"/> is left.</summary>
    public async Task<AccessToken> GetAsync(int accountId, TimeSpan renewWithin, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(accountId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            while (true)
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                if (await TryGetAsync(db, accountId, renewWithin, ct) is { } token)
                {
                    return token;
                }

                // Another node holds the refresh (or just finished it): read the account again shortly.
                await Task.Delay(ClaimPoll, ct);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    // Null when another node is refreshing this account's grant right now.
    private async Task<AccessToken?> TryGetAsync(MailroomDb db, int accountId, TimeSpan renewWithin, CancellationToken ct)
    {
        var account = await db.Accounts.FirstAsync(a => a.Id == accountId, ct);
        var grant = account.OAuth;
        var app = await db.OAuthApps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == account.OAuthAppId, ct)
            ?? throw new OAuthException("not_configured", "the account has no OAuth app registration", signInNeeded: true);
        var now = time.GetUtcNow().UtcDateTime;
        if (grant.AccessTokenCipher is not null && grant.AccessTokenExpiresAt > now + renewWithin)
        {
            return new AccessToken(secrets.Unprotect(grant.AccessTokenCipher)!, ProviderEndpoints.For(app).Mechanism);
        }

        var clientCredentials = ProviderEndpoints.For(app).ClientCredentials;
        if (!clientCredentials && (grant.State == GrantState.SignInNeeded || grant.RefreshTokenCipher is null))
        {
            // Asking again would only earn the same refusal; a person has to sign in.
            throw new OAuthException("sign_in_needed", grant.Problem ?? "nobody has signed in to this account yet", signInNeeded: true);
        }

        if (!await ClaimAsync(db, accountId, grant, now, ct))
        {
            return null;
        }

        // The tracked values are now the claim's, so whatever the refresh ends in is written in full.
        await db.Entry(account).ReloadAsync(ct);
        grant = account.OAuth;

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
            grant.AccessTokenExpiresAt = null;
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning("Account {AccountId} needs to be signed in again: {Error}", accountId, failure.Message);
            throw;
        }
        catch
        {
            // A provider outage: the claim is let go at once, so the next attempt (here or on another node) need not wait it out.
            await db.Accounts.Where(a => a.Id == accountId && a.OAuth.RefreshTokenCipher == grant.RefreshTokenCipher)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.OAuth.AccessTokenExpiresAt, (DateTime?)null), CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Claims the refresh for this node with one conditional update: a provider that rotates refresh tokens revokes
    /// the whole grant when one is spent twice, so of several nodes finding the same stale token only one may ask.
    /// The claim is "no access token, valid until the claim's deadline"; the update succeeds only if the grant is
    /// still exactly as read, so a second node matches nothing and reads again until the winner stored the new
    /// token. A node that died holding the claim delays the others by <see cref="ClaimTimeout"/> at most.
    /// </summary>
    private static async Task<bool> ClaimAsync(MailroomDb db, int accountId, OAuthGrant grant, DateTime now, CancellationToken ct)
    {
        if (grant.AccessTokenCipher is null && grant.AccessTokenExpiresAt > now)
        {
            return false;
        }

        var (refresh, access, expires) = (grant.RefreshTokenCipher, grant.AccessTokenCipher, grant.AccessTokenExpiresAt);
        var claimed = await db.Accounts
            .Where(a => a.Id == accountId && a.OAuth.RefreshTokenCipher == refresh && a.OAuth.AccessTokenCipher == access && a.OAuth.AccessTokenExpiresAt == expires)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.OAuth.AccessTokenCipher, (string?)null).SetProperty(a => a.OAuth.AccessTokenExpiresAt, now + ClaimTimeout), ct);
        return claimed == 1;
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
