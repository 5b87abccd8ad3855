using System.Net;
using Mailroom.Core.OAuth;
using Mailroom.Core.Security;
using Mailroom.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Core.Tests.OAuth;

public sealed class TokenRenewalTests : IAsyncLifetime
{
    // The recorded Microsoft answer's access token lives 4253 s.
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(4253);
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(5);

    private readonly SecretProtector _secrets = new(new EphemeralDataProtectionProvider());
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordedProvider _provider = new();
    private TestDatabase _database = null!;
    private int _accountId;
    private AccessTokens _tokens = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _accountId = await OAuthAccountSeed.AddAsync(_database, _secrets);
        _tokens = TestConnections.Tokens(_database.ContextFactory(), _secrets, _time, _provider);
        // The session signed in with a fresh token, as the watcher does on connect.
        _provider.Answer(HttpStatusCode.OK, TokenEndpointTests.MicrosoftRefreshed);
        await _tokens.GetAsync(_accountId, default);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private TokenRenewal Renewal() => new(_tokens, _accountId, Lead, _time, NullLogger.Instance);

    [Fact]
    public async Task RenewIfDueAsync_MoreThanTheLeadTimeLeft_AsksTheProviderNothing()
    {
        _time.Advance(Lifetime - Lead - TimeSpan.FromSeconds(1));

        await Renewal().RenewIfDueAsync(default);

        Assert.Single(_provider.Requests);
    }

    [Fact]
    public async Task RenewIfDueAsync_WithinTheLeadTime_RenewsAndMovesTheStoredExpiry()
    {
        _provider.Answer(HttpStatusCode.OK, TokenEndpointTests.MicrosoftRefreshed);
        _time.Advance(Lifetime - Lead);

        await Renewal().RenewIfDueAsync(default);

        Assert.Equal(2, _provider.Requests.Count);
        Assert.Equal(_time.GetUtcNow().UtcDateTime + Lifetime, (await OAuthAccountSeed.GrantAsync(_database, _accountId)).AccessTokenExpiresAt);
    }

    [Fact]
    public async Task RenewIfDueAsync_ProviderOutage_KeepsTheSessionAndRetriesAfterAGrowingWait()
    {
        _provider.Answer(HttpStatusCode.ServiceUnavailable, """{"error":"temporarily_unavailable"}""")
            .Answer(HttpStatusCode.TooManyRequests, """{"error":"temporarily_unavailable"}""")
            .Answer(HttpStatusCode.OK, TokenEndpointTests.MicrosoftRefreshed);
        var renewal = Renewal();
        _time.Advance(Lifetime - Lead);

        await renewal.RenewIfDueAsync(default);
        _time.Advance(TokenRenewal.FirstRetry - TimeSpan.FromSeconds(1));
        await renewal.RenewIfDueAsync(default);
        Assert.Equal(2, _provider.Requests.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        await renewal.RenewIfDueAsync(default);
        Assert.Equal(3, _provider.Requests.Count);

        // The second failure waits twice as long.
        _time.Advance(TokenRenewal.FirstRetry * 2 - TimeSpan.FromSeconds(1));
        await renewal.RenewIfDueAsync(default);
        Assert.Equal(3, _provider.Requests.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        await renewal.RenewIfDueAsync(default);

        Assert.Equal(4, _provider.Requests.Count);
        Assert.Equal(GrantState.Active, (await OAuthAccountSeed.GrantAsync(_database, _accountId)).State);
    }

    [Fact]
    public async Task RenewIfDueAsync_InvalidGrant_MarksSignInNeededAndEndsTheSession()
    {
        _provider.Answer(HttpStatusCode.BadRequest, TokenEndpointTests.MicrosoftExpiredGrant);
        _time.Advance(Lifetime - Lead);

        var failure = await Assert.ThrowsAsync<OAuthException>(() => Renewal().RenewIfDueAsync(default));

        Assert.True(failure.SignInNeeded);
        Assert.Equal(GrantState.SignInNeeded, (await OAuthAccountSeed.GrantAsync(_database, _accountId)).State);
    }
}
