using System.Net;
using Mailroom.Core.Accounts;
using Mailroom.Core.OAuth;
using Mailroom.Core.Security;
using Mailroom.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Core.Tests.OAuth;

public sealed class AccessTokensTests : IAsyncLifetime
{
    private readonly SecretProtector _secrets = new(new EphemeralDataProtectionProvider());
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordedProvider _provider = new();
    private TestDatabase _database = null!;
    private int _accountId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _accountId = await OAuthAccountSeed.AddAsync(_database, _secrets);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private AccessTokens Tokens() => TestConnections.Tokens(_database.ContextFactory(), _secrets, _time, _provider);

    private Task<OAuthGrant> GrantAsync() => OAuthAccountSeed.GrantAsync(_database, _accountId);

    [Fact]
    public async Task GetAsync_NoTokenYet_RefreshesAndStoresTheRotatedRefreshTokenEncrypted()
    {
        _provider.Answer(HttpStatusCode.OK, TokenEndpointTests.MicrosoftRefreshed);

        var token = await Tokens().GetAsync(_accountId, default);

        Assert.StartsWith("eyJ0eXAi", token.Value, StringComparison.Ordinal);
        Assert.Equal("first-refresh", _provider.Requests[0].Form["refresh_token"]);
        var grant = await GrantAsync();
        Assert.Equal("0.AXEAm-rotated-refresh-token", _secrets.Unprotect(grant.RefreshTokenCipher));
        Assert.DoesNotContain("rotated", grant.RefreshTokenCipher, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ0eXAi", grant.AccessTokenCipher, StringComparison.Ordinal);
        Assert.Equal(_time.GetUtcNow().UtcDateTime.AddSeconds(4253), grant.AccessTokenExpiresAt);
        Assert.DoesNotContain(token.Value, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_TokenStillValid_AsksTheProviderNothing()
    {
        _provider.Answer(HttpStatusCode.OK, TokenEndpointTests.MicrosoftRefreshed);
        var tokens = Tokens();
        var first = await tokens.GetAsync(_accountId, default);
        _time.Advance(TimeSpan.FromSeconds(4253) - AccessTokens.Margin - TimeSpan.FromSeconds(1));

        var second = await tokens.GetAsync(_accountId, default);

        Assert.Equal(first.Value, second.Value);
        Assert.Single(_provider.Requests);
    }

    [Fact]
    public async Task GetAsync_WithinTheMarginOfExpiry_RefreshesWithTheRotatedToken()
    {
        _provider.Answer(HttpStatusCode.OK, TokenEndpointTests.MicrosoftRefreshed).Answer(HttpStatusCode.OK, TokenEndpointTests.MicrosoftRefreshed);
        var tokens = Tokens();
        await tokens.GetAsync(_accountId, default);
        _time.Advance(TimeSpan.FromSeconds(4253) - AccessTokens.Margin);

        await tokens.GetAsync(_accountId, default);

        Assert.Equal("0.AXEAm-rotated-refresh-token", _provider.Requests[1].Form["refresh_token"]);
    }

    [Fact]
    public async Task GetAsync_InvalidGrant_MarksSignInNeededAndStopsAskingTheProvider()
    {
        _provider.Answer(HttpStatusCode.BadRequest, TokenEndpointTests.MicrosoftExpiredGrant);
        var tokens = Tokens();

        await Assert.ThrowsAsync<OAuthException>(() => tokens.GetAsync(_accountId, default));
        var again = await Assert.ThrowsAsync<OAuthException>(() => tokens.GetAsync(_accountId, default));

        var grant = await GrantAsync();
        Assert.Equal(GrantState.SignInNeeded, grant.State);
        Assert.Contains("AADSTS70008", grant.Problem, StringComparison.Ordinal);
        Assert.True(again.SignInNeeded);
        Assert.Single(_provider.Requests);
    }

    [Fact]
    public async Task GetAsync_ProviderOutage_KeepsTheGrantActive()
    {
        _provider.Answer(HttpStatusCode.ServiceUnavailable, """{"error":"temporarily_unavailable"}""");

        var failure = await Assert.ThrowsAsync<OAuthException>(() => Tokens().GetAsync(_accountId, default));

        Assert.False(failure.SignInNeeded);
        Assert.Equal(GrantState.Active, (await GrantAsync()).State);
    }

    [Fact]
    public async Task GetAsync_TwoNodesFindTheSameStaleToken_OnlyOneSpendsTheRefreshTokenAndBothGetItsAccessToken()
    {
        _provider.Answer(HttpStatusCode.OK, TokenEndpointTests.MicrosoftRefreshed);
        var slow = new HeldProvider(_provider);
        // Two AccessTokens are two processes: neither's in-process lock knows the other.
        var nodeA = TestConnections.Tokens(_database.ContextFactory(), _secrets, _time, slow);
        var nodeB = TestConnections.Tokens(_database.ContextFactory(), _secrets, _time, slow);

        var first = nodeA.GetAsync(_accountId, default);
        await slow.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = nodeB.GetAsync(_accountId, default);
        // Node B has time to ask the provider too, as it did with only a lock per process.
        await Task.Delay(TimeSpan.FromSeconds(1));
        slow.Release.SetResult();
        var tokens = await Task.WhenAll(first, second);

        Assert.Single(_provider.Requests);
        Assert.Equal(tokens[0].Value, tokens[1].Value);
        Assert.Equal("0.AXEAm-rotated-refresh-token", _secrets.Unprotect((await GrantAsync()).RefreshTokenCipher));
    }

    [Fact]
    public async Task GetAsync_AfterAProviderOutage_TheNextAttemptAsksAtOnce()
    {
        _provider.Answer(HttpStatusCode.ServiceUnavailable, """{"error":"temporarily_unavailable"}""").Answer(HttpStatusCode.OK, TokenEndpointTests.MicrosoftRefreshed);
        var tokens = Tokens();
        await Assert.ThrowsAsync<OAuthException>(() => tokens.GetAsync(_accountId, default));

        // Another node: the failed refresh left no claim behind to wait out.
        var token = await Tokens().GetAsync(_accountId, default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("eyJ0eXAi", token.Value, StringComparison.Ordinal);
        Assert.Equal(2, _provider.Requests.Count);
    }

    /// <summary>Holds every token request until released, as a slow identity provider does.</summary>
    private sealed class HeldProvider(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
