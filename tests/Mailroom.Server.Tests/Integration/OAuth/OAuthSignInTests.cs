using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using Mailroom.TestSupport;
using Mailroom.TestSupport.OAuth;

namespace Mailroom.Server.Tests.Integration.OAuth;

/// <summary>"Sign in with …" through the real identity provider: authorization code with PKCE, exact redirect URI.</summary>
public sealed class OAuthSignInTests : IClassFixture<OAuthMailTests.App>
{
    private readonly MailroomApp _server;

    public OAuthSignInTests(OAuthMailTests.App app) => _server = app.Server;

    [Fact]
    public async Task SignIn_ConsentAtTheProvider_StoresTheGrantAndTheMailboxConnectsWithIt()
    {
        var idp = await TestIdentityProvider.SharedAsync();
        var admin = await OAuthAccounts.AdminBrowserAsync(_server);
        const string mailbox = "customer2@customer.test";
        var accountId = await OAuthAccounts.CreateAsync(admin, idp, mailbox, "OSI", "xoauth2");

        var toProvider = await admin.GetAsync($"/api/accounts/{accountId}/oauth/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, toProvider.StatusCode);
        var authorize = toProvider.Headers.Location!;
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal(idp.AuthorizationEndpoint.AbsolutePath, authorize.AbsolutePath);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("http://localhost/oauth/callback", query["redirect_uri"]);
        Assert.Equal(mailbox, query["login_hint"]);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var back = (await browser.GetAsync(authorize)).Headers.Location!;
        Assert.StartsWith("http://localhost/oauth/callback?", back.AbsoluteUri, StringComparison.Ordinal);

        var done = await admin.GetAsync(back.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var account = await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{accountId}");
        Assert.Equal("active", account.GetProperty("oAuth").GetProperty("state").GetString());
        Assert.DoesNotContain("Cipher", account.ToString(), StringComparison.Ordinal);
        var report = await (await admin.PostAsync($"/api/accounts/{accountId}/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(report.GetProperty("imap").GetProperty("ok").GetBoolean(), report.ToString());
        Assert.True(report.GetProperty("smtp").GetProperty("ok").GetBoolean(), report.ToString());
    }

    [Fact]
    public async Task Callback_WithAForgedState_Is400NamingState()
    {
        var admin = await OAuthAccounts.AdminBrowserAsync(_server);

        var response = await admin.GetAsync("/oauth/callback?code=abc&state=forged");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("state", out _));
    }

    [Fact]
    public async Task Callback_ProviderDenied_Is400WithTheProvidersWords()
    {
        var idp = await TestIdentityProvider.SharedAsync();
        var admin = await OAuthAccounts.AdminBrowserAsync(_server);
        var accountId = await OAuthAccounts.CreateAsync(admin, idp, "customer@customer.test", "ODN", "xoauth2");
        var authorize = (await admin.GetAsync($"/api/accounts/{accountId}/oauth/sign-in")).Headers.Location!;
        var state = HttpUtility.ParseQueryString(authorize.Query)["state"];

        var response = await admin.GetAsync($"/oauth/callback?error=access_denied&error_description=The+user+declined&state={Uri.EscapeDataString(state!)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The user declined", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
