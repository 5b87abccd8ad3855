using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using Mailroom.TestSupport;
using Mailroom.TestSupport.OAuth;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mailroom.Server.Tests.Integration.SingleSignOn;

/// <summary>
/// Staff sign in through the tests' real OpenID Connect provider (OpenIddict) with ASP.NET Core's handler: code flow,
/// PKCE, the ID token's signature, nonce and audience checked. Their groups decide role and accounts.
/// </summary>
public sealed class SingleSignOnTests : IClassFixture<SingleSignOnTests.App>
{
    private const string Password = "idp-password-1";
    private readonly App _app;

    public SingleSignOnTests(App app) => _app = app;

    public sealed class App : IAsyncLifetime
    {
        public MailroomApp Server { get; private set; } = default!;

        public TestIdentityProvider Provider { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Provider = await TestIdentityProvider.SharedAsync();
            Server = new MailroomApp(settings: new Dictionary<string, string?>
            {
                ["Mailroom:Sso:Authority"] = Provider.Issuer.AbsoluteUri,
                ["Mailroom:Sso:ClientId"] = TestIdentityProvider.StaffClientId,
                ["Mailroom:Sso:ClientSecret"] = TestIdentityProvider.StaffClientSecret,
                ["Mailroom:Sso:ExtraScopes"] = TestIdentityProvider.GroupsScope,
                ["Mailroom:Sso:DisplayName"] = "Example Corp",
            });
        }

        public Task DisposeAsync()
        {
            Server.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task AgentInAMappedGroup_IsCreatedAtFirstSignIn_SeesOnlyTheGroupsAccount_AndIsNotHeldByMailroomsTwoFactorRule()
    {
        var admin = await _app.Server.AdminClientAsync();
        var support = await AccountAsync(admin, "S");
        var other = await AccountAsync(admin, "T");
        var group = "Support " + Guid.NewGuid().ToString("N")[..6];
        await MapAsync(admin, new { group, role = "agent", accountIds = new[] { support } });
        (await admin.PutAsJsonAsync("/api/settings/two-factor", new { requiredForAgents = true, requiredForSupervisors = false, requiredForAdmins = false })).EnsureSuccessStatusCode();
        var email = $"ann.{Guid.NewGuid():N}@company.test";
        TestIdentityProvider.AddStaff(email, Password, "Ann Smith", group, "Everyone");

        // A returnUrl to another host is not followed: the agent lands on their own start page.
        var (desk, hop) = await SignInAsync(email, "//evil.test/phish");

        Assert.Contains("url=/desktop", hop, StringComparison.Ordinal);
        var me = await desk.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal(("agent", "Ann Smith"), (me.GetProperty("role").GetString(), me.GetProperty("displayName").GetString()));
        var accounts = await desk.GetFromJsonAsync<JsonElement>("/api/accounts");
        Assert.Equal([support], accounts.EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
        Assert.NotEqual(other, support);
        // The provider secures this sign-in: Mailroom's own two-factor rule does not gate it.
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/api/interactions")).StatusCode);
        // Nobody knows a password for a person the provider created.
        var token = await _app.Server.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?q={Uri.EscapeDataString(email)}");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "user created by single sign-on");
    }

    [Fact]
    public async Task PersonInNoMappedGroup_IsSentBackToTheSignInPage_WithTheReason_AndHasNoSession()
    {
        var email = $"bob.{Guid.NewGuid():N}@company.test";
        TestIdentityProvider.AddStaff(email, Password, "Bob", "Marketing " + Guid.NewGuid().ToString("N")[..6]);

        var (desk, _) = await SignInAsync(email, "/desktop", expectRefusal: "/login?sso=nomappedgroup");

        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.GetAsync("/api/auth/me")).StatusCode);
        var page = await desk.GetStringAsync("/login?sso=nomappedgroup");
        Assert.Contains("none of your groups gives access to Mailroom", page, StringComparison.Ordinal);
        Assert.Contains("Sign in with Example Corp", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupsTable_BadRowsAre400NamingTheField_AndOnlyAdministratorsSeeIt()
    {
        var admin = await _app.Server.AdminClientAsync();
        // A supervisor: another test here requires two-factor sign-in of agents, whose password tokens it then refuses.
        var (_, supervisor) = await _app.Server.CreateUserAsync(admin, "supervisor");

        var bad = await admin.PutAsJsonAsync("/api/settings/single-sign-on/groups", new { groups = new object[] { new { group = "", role = "agent" }, new { group = "x", role = "agent", accountIds = new[] { 999_999 } } } });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("groups[0].group", out _) && errors.TryGetProperty("groups[1].accountIds", out _), errors.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/settings/single-sign-on")).StatusCode);
        var view = await admin.GetFromJsonAsync<JsonElement>("/api/settings/single-sign-on");
        Assert.True(view.GetProperty("enabled").GetBoolean());
        Assert.Equal("Example Corp", view.GetProperty("displayName").GetString());
    }

    // The browser's part, step by step: Mailroom sends it to the provider, the person signs in there, the provider
    // sends it back with a code, Mailroom redeems it and answers with the page that takes it in.
    private async Task<(HttpClient Desk, string Hop)> SignInAsync(string email, string returnUrl, string? expectRefusal = null)
    {
        var desk = _app.Server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var start = await desk.GetAsync("/api/auth/sso?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal(("S256", "http://localhost/signin-oidc"), (query["code_challenge_method"], query["redirect_uri"]));

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        Assert.Contains("idp-email", await browser.GetStringAsync(authorize), StringComparison.Ordinal);
        var answers = query.AllKeys.ToDictionary(k => k!, k => query[k]!);
        answers["idp_email"] = email;
        answers["idp_password"] = Password;
        var back = (await browser.PostAsync(_app.Provider.AuthorizationEndpoint, new FormUrlEncodedContent(answers))).Headers.Location!;
        Assert.StartsWith("http://localhost/signin-oidc?", back.AbsoluteUri, StringComparison.Ordinal);

        var landed = await desk.GetAsync(back.PathAndQuery);
        if (expectRefusal is not null)
        {
            Assert.Equal((HttpStatusCode.Redirect, expectRefusal), (landed.StatusCode, landed.Headers.Location?.OriginalString));
            return (desk, "");
        }

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        return (desk, await landed.Content.ReadAsStringAsync());
    }

    private static async Task<int> AccountAsync(HttpClient admin, string prefix)
    {
        var key = prefix + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var response = await admin.PostAsJsonAsync("/api/accounts", new
        {
            name = key,
            key,
            address = key.ToLowerInvariant() + "@example.test",
            active = false,
            imap = new { host = "127.0.0.1", port = 1 },
            smtp = new { host = "127.0.0.1", port = 1 },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task MapAsync(HttpClient admin, params object[] groups) =>
        (await admin.PutAsJsonAsync("/api/settings/single-sign-on/groups", new { groups })).EnsureSuccessStatusCode();
}
