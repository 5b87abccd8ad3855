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

        var done = await FollowCallbackAsync(admin, back.PathAndQuery);

        Assert.Equal($"/admin/accounts?signedIn={accountId}", done.OriginalString);
        var account = await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{accountId}");
        Assert.Equal("active", account.GetProperty("oAuth").GetProperty("state").GetString());
        Assert.DoesNotContain("Cipher", account.ToString(), StringComparison.Ordinal);
        var report = await (await admin.PostAsync($"/api/accounts/{accountId}/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(report.GetProperty("imap").GetProperty("ok").GetBoolean(), report.ToString());
        Assert.True(report.GetProperty("smtp").GetProperty("ok").GetBoolean(), report.ToString());
    }

    [Fact]
    public async Task Callback_WithAForgedState_SaysSoOnTheAccountsPage()
    {
        var admin = await OAuthAccounts.AdminBrowserAsync(_server);

        var done = await FollowCallbackAsync(admin, "/oauth/callback?code=abc&state=forged");

        Assert.StartsWith("/admin/accounts?signInFailed=", done.OriginalString, StringComparison.Ordinal);
        Assert.Contains("start it again from the account", await admin.GetStringAsync(done), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_WithoutTheSignInCookie_AsBackFromAnotherSite_IsOurOwnPageThatGoesOn_NotTheSignInPage()
    {
        using var crossSite = _server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await crossSite.GetAsync("/oauth/callback?code=abc&state=s%3D1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("content=\"0;url=/oauth/callback/complete?code=abc&amp;state=s%3D1\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_WithWordsOfAnotherSite_InTheAccountsPageAddress_ShowsNone()
    {
        var admin = await OAuthAccounts.AdminBrowserAsync(_server);

        var page = await admin.GetStringAsync("/admin/accounts?signInFailed=" + Uri.EscapeDataString("Call +1 555 0100 to fix your mailbox."));

        Assert.DoesNotContain("555 0100", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_ProviderDenied_ShowsTheProvidersWordsOnTheAccountsPage()
    {
        var idp = await TestIdentityProvider.SharedAsync();
        var admin = await OAuthAccounts.AdminBrowserAsync(_server);
        var accountId = await OAuthAccounts.CreateAsync(admin, idp, "customer@customer.test", "ODN", "xoauth2");
        var authorize = (await admin.GetAsync($"/api/accounts/{accountId}/oauth/sign-in")).Headers.Location!;
        var state = HttpUtility.ParseQueryString(authorize.Query)["state"];

        var done = await FollowCallbackAsync(admin, $"/oauth/callback?error=access_denied&error_description=The+user+declined&state={Uri.EscapeDataString(state!)}");

        Assert.Contains("The user declined", await admin.GetStringAsync(done), StringComparison.Ordinal);
    }

    // What the administrator's browser does: the callback's own page sends it on, and the end is the accounts page.
    private static async Task<Uri> FollowCallbackAsync(HttpClient admin, string callback)
    {
        var hop = await admin.GetStringAsync(callback);
        var next = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(hop, "id=\"continue\" href=\"([^\"]+)\"").Groups[1].Value);
        var done = await admin.GetAsync(next);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        return done.Headers.Location!;
    }
}
