using Microsoft.Extensions.Logging;

namespace Mailroom.Core.OAuth;

/// <summary>
/// Renews one account's access token ahead of its expiry for a session that stays open (the IMAP watcher in
/// IDLE), which otherwise would only meet a revoked grant at its next reconnect. A transient refusal (network,
/// 5xx, 429) is logged and retried after a growing wait while the session goes on with the token it holds; a
/// dead grant (<c>invalid_grant</c>) is thrown, so the session ends and the account reads "Sign-in needed".
/// The refresh itself is <see cref="AccessTokens"/>'s, so its claim keeps two nodes from spending one refresh token.
/// </summary>
public sealed class TokenRenewal(AccessTokens tokens, int accountId, TimeSpan lead, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(5);

    private TimeSpan _retry = FirstRetry;
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public async Task RenewIfDueAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() < _notBefore)
        {
            return;
        }

        try
        {
            await tokens.GetAsync(accountId, lead, ct);
            _retry = FirstRetry;
        }
        catch (OAuthException failure) when (!failure.SignInNeeded)
        {
            Postpone(failure.Error);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            // The token endpoint's HTTP timeout, not the session stopping.
            Postpone("timeout");
        }
    }

    private void Postpone(string error)
    {
        // Only the error code: the provider's description may quote the request.
        logger.LogWarning("Access token of account {AccountId} not renewed ({Error}); trying again in {Retry}", accountId, error, _retry);
        _notBefore = time.GetUtcNow() + _retry;
        _retry = TimeSpan.FromTicks(Math.Min(_retry.Ticks * 2, MaxRetry.Ticks));
    }
}
