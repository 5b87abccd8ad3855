using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mailroom.Core.OAuth;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Mailroom.TestSupport.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Integration.OAuth;

/// <summary>
/// OAuth accounts against the real Dovecot and Postfix, which accept a token only after asking the tests'
/// identity provider (OpenIddict) by RFC 7662 introspection: IMAP directly, SMTP through Dovecot SASL.
/// </summary>
public sealed class OAuthMailTests : IClassFixture<OAuthMailTests.App>
{
    private readonly MailroomApp _server;

    public OAuthMailTests(App app) => _server = app.Server;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new();

        public void Dispose() => Server.Dispose();
    }

    [Theory]
    [InlineData("xoauth2", "support@example.test", "OX2")]
    [InlineData("oauthbearer", "sales@example.test", "OBR")]
    public async Task Verify_SignedInAccount_AuthenticatesImapAndSmtpWithATokenTheServerIntrospected(string mechanism, string mailbox, string key)
    {
        var idp = await TestIdentityProvider.SharedAsync();
        var admin = await _server.AdminClientAsync();
        var accountId = await OAuthAccounts.CreateAsync(admin, idp, mailbox, key, mechanism);
        await OAuthAccounts.SignInAsync(_server, accountId, await idp.RefreshTokenForAsync(mailbox));

        var report = await VerifyAsync(admin, accountId);

        Assert.True(report.GetProperty("imap").GetProperty("ok").GetBoolean(), report.ToString());
        // The account has no password at all: Postfix accepted the token, checked by Dovecot SASL.
        Assert.True(report.GetProperty("smtp").GetProperty("ok").GetBoolean(), report.ToString());
        var log = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.MailState, "log", "dovecot.log"));
        Assert.Contains($"imap-login: Info: Login: user=<{mailbox}>, method={mechanism.ToUpperInvariant()}", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterTheGrantWasRevoked_ReportsSignInNeededInTheProvidersWords()
    {
        var idp = await TestIdentityProvider.SharedAsync();
        var admin = await _server.AdminClientAsync();
        const string mailbox = "billing@example.test";
        var accountId = await OAuthAccounts.CreateAsync(admin, idp, mailbox, "ORV", "xoauth2");
        await OAuthAccounts.SignInAsync(_server, accountId, await idp.RefreshTokenForAsync(mailbox));
        Assert.True((await VerifyAsync(admin, accountId)).GetProperty("imap").GetProperty("ok").GetBoolean());

        await idp.RevokeAsync(mailbox);
        var report = await VerifyAsync(admin, accountId);

        // The cached access token is refused by Dovecot's introspection at once; the refresh then earns invalid_grant.
        Assert.False(report.GetProperty("imap").GetProperty("ok").GetBoolean());
        await ExpireAccessTokenAsync(accountId);
        report = await VerifyAsync(admin, accountId);
        Assert.Contains("invalid_grant", report.GetProperty("imap").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("sign in again", report.GetProperty("imap").GetProperty("error").GetString(), StringComparison.Ordinal);
        var account = await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{accountId}");
        Assert.Equal("signInNeeded", account.GetProperty("oAuth").GetProperty("state").GetString());
    }

    [Fact]
    public async Task OAuthApps_ClientSecret_NeverLeavesTheServer()
    {
        var idp = await TestIdentityProvider.SharedAsync();
        var admin = await _server.AdminClientAsync();

        var appId = await OAuthAccounts.CreateAppAsync(admin, idp, "Secretive", "xoauth2");
        var listed = await admin.GetStringAsync("/api/oauth-apps");
        var one = await admin.GetStringAsync($"/api/oauth-apps/{appId}");

        Assert.DoesNotContain(TestIdentityProvider.ClientSecret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(TestIdentityProvider.ClientSecret, one, StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(one).RootElement.GetProperty("hasClientSecret").GetBoolean());
    }

    [Fact]
    public async Task OAuthApps_GenericWithoutTokenEndpoint_Is400NamingTheField()
    {
        var admin = await _server.AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/api/oauth-apps", new { name = "No endpoint", profile = "generic", clientId = "x", scopes = "mail" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("tokenEndpoint", out _));
    }

    [Fact]
    public async Task OAuthApps_AnAgent_IsRefused()
    {
        var admin = await _server.AdminClientAsync();
        var (_, agent) = await _server.CreateUserAsync(admin);

        var response = await agent.GetAsync("/api/oauth-apps");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task ExpireAccessTokenAsync(int accountId)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId);
        account.OAuth.AccessTokenExpiresAt = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await db.SaveChangesAsync();
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient admin, int id)
    {
        var response = await admin.PostAsync($"/api/accounts/{id}/verify", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
