using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Mailroom.TestSupport.OAuth;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Admin;

/// <summary>
/// An administrator connects a mailbox that only takes OAuth, in Chromium, against the tests' OpenIddict provider
/// and the real Dovecot and Postfix, which accept the tokens only after introspecting them.
/// </summary>
[Collection(SharedMailboxes.Name)]
public sealed class OAuthSignInTests : IClassFixture<BrowserSession>
{
    private const string Mailbox = "billing@example.test";
    private const string Customer = "customer2@customer.test";
    private static readonly TimeSpan MailPatience = TimeSpan.FromSeconds(90);

    private readonly BrowserSession _session;

    public OAuthSignInTests(BrowserSession session) => _session = session;

    [Fact]
    public async Task Admin_RegistersTheApp_SignsTheAccountIn_MailFlowsOverXoauth2_AndAfterARevocationSignsInAgainWithoutLosingMail()
    {
        var idp = await TestIdentityProvider.SharedAsync();
        await idp.AllowRedirectUriAsync(new Uri(_session.Server.BaseAddress, "/oauth/callback"));
        TestIdentityProvider.AskConsentFor(Mailbox);
        await LocalMail.ControlAsync("reset", Mailbox);
        await LocalMail.ControlAsync("reset", Customer);
        var admin = await _session.Server.AdminClientAsync();
        var page = await _session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);

        var appName = "Local provider " + Guid.NewGuid().ToString("N")[..6];
        await RegisterAppAsync(page, idp, appName);
        var key = "O" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var accountId = await CreateOAuthAccountAsync(page, admin, appName, key);

        await page.ClickAsync($"#accounts tr:has-text('{key}') button:has-text('Edit')");
        await Assertions.Expect(page.Locator("#acc-grant-state")).ToHaveTextAsync("Not signed in yet");
        await Assertions.Expect(page.Locator("#acc-oauth-sign-in")).ToHaveTextAsync($"Sign in with {appName}");
        await SignInAsync(page);
        await Assertions.Expect(page.Locator("#signed-in-notice")).ToContainTextAsync("Signed in");
        await Assertions.Expect(Row(page, key).Locator("td.sign-in")).ToHaveTextAsync("Signed in");

        // The agent answers over the account, which has no password at all: both legs run on the token.
        var agentEmail = await AgentOfAsync(admin, accountId);
        var agent = await _session.SignedInPageAsync(agentEmail, "agent-password-1");
        await BrowserSession.OpenAsync(agent, "/desktop");
        await agent.SelectOptionAsync("#presence", "Online");
        var first = "Refund " + Guid.NewGuid().ToString("N")[..8];
        await LocalMail.SendAsync(LocalMail.Compose(Customer, Mailbox, first, "Where is my refund?"));
        await AcceptAndReplyAsync(agent, first);
        var delivered = await LocalMail.WaitForAsync(Customer, "Re: " + first, MailPatience);
        Assert.Equal(Mailbox, delivered.From.Mailboxes.Single().Address);
        var dovecot = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.MailState, "log", "dovecot.log"));
        Assert.Contains($"imap-login: Info: Login: user=<{Mailbox}>, method=XOAUTH2", dovecot, StringComparison.Ordinal);
        var postfix = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.MailState, "log", "postfix.log"));
        Assert.Contains($"sasl_method=XOAUTH2, sasl_username={Mailbox}", postfix, StringComparison.Ordinal);

        // The tenant's administrator withdraws the consent: the next refresh earns invalid_grant.
        await idp.RevokeAsync(Mailbox);
        await BrowserSession.OpenAsync(page, "/admin/accounts");
        await VerifyUntilSignInNeededAsync(page, key);
        var meanwhile = "Second thoughts " + Guid.NewGuid().ToString("N")[..8];
        await LocalMail.SendAsync(LocalMail.Compose(Customer, Mailbox, meanwhile, "Actually, one more thing."));

        await page.ClickAsync($"#accounts tr:has-text('{key}') button:has-text('Edit')");
        await Assertions.Expect(page.Locator("#acc-grant-state")).ToContainTextAsync("Sign-in needed: ");
        await Assertions.Expect(page.Locator("#acc-grant-state")).ToContainTextAsync("invalid_grant");
        await Assertions.Expect(page.Locator("#acc-oauth-sign-in")).ToHaveTextAsync($"Sign in with {appName} again");
        await SignInAsync(page);
        await Assertions.Expect(Row(page, key).Locator("td.sign-in")).ToHaveTextAsync("Signed in");

        await WaitForInteractionsAsync(admin, accountId, meanwhile);
        // Any second copy would come from the watcher's next pass over the mailbox; give it that pass.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await WaitForInteractionsAsync(admin, accountId, meanwhile));
        Assert.Equal(1, await WaitForInteractionsAsync(admin, accountId, first));
    }

    private static ILocator Row(IPage page, string key) => page.Locator("#accounts tr", new() { HasText = key });

    private static async Task RegisterAppAsync(IPage page, TestIdentityProvider idp, string name)
    {
        await BrowserSession.OpenAsync(page, "/admin/sign-in-apps");
        await Assertions.Expect(page.Locator("#redirect-uri")).ToHaveTextAsync(new Uri(new Uri(page.Url), "/oauth/callback").AbsoluteUri);
        await page.ClickAsync("#new-oauth-app");
        await page.FillAsync("#app-name", name);
        await page.SelectOptionAsync("#app-profile", "Generic");
        await page.FillAsync("#app-client-id", TestIdentityProvider.ClientId);
        await page.FillAsync("#app-client-secret", TestIdentityProvider.ClientSecret);
        // The browser reaches the provider as "localhost", another site than Mailroom's 127.0.0.1, as Microsoft's and
        // Google's sign-in pages are: the way back to Mailroom is a cross-site navigation, which carries no strict cookie.
        await page.FillAsync("#app-authorization", new UriBuilder(idp.AuthorizationEndpoint) { Host = "localhost" }.Uri.AbsoluteUri);
        await page.FillAsync("#app-scopes", $"{TestIdentityProvider.MailScope} offline_access");
        await page.ClickAsync("#save-oauth-app");
        // The token endpoint was left out: the server's 400 lands next to that field.
        await Assertions.Expect(page.Locator("#app-token ~ .field-error, label:has(#app-token) + .field-error")).ToContainTextAsync("required");
        await page.FillAsync("#app-token", idp.TokenEndpoint.AbsoluteUri);
        await page.ClickAsync("#save-oauth-app");
        var row = page.Locator("#oauth-apps tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Other OpenID Connect / OAuth 2.0 provider");
        await Assertions.Expect(row).ToContainTextAsync("set");
        Assert.DoesNotContain(TestIdentityProvider.ClientSecret, await page.ContentAsync(), StringComparison.Ordinal);
    }

    private static async Task<int> CreateOAuthAccountAsync(IPage page, HttpClient admin, string appName, string key)
    {
        await BrowserSession.OpenAsync(page, "/admin/accounts");
        await page.ClickAsync("#new-account");
        await page.FillAsync("#acc-name", "Billing over OAuth");
        await page.FillAsync("#acc-key", key);
        await page.FillAsync("#acc-address", Mailbox);
        await page.SelectOptionAsync("#acc-auth-method", "OAuth");
        await Assertions.Expect(page.Locator("#acc-imap-password")).ToHaveCountAsync(0);
        await page.FillAsync("#acc-imap-host", LocalMail.Host);
        await page.FillAsync("#acc-imap-port", TestEnvironment.ImapPort.ToString(CultureInfo.InvariantCulture));
        await page.UncheckAsync("#acc-imap-ssl");
        await page.FillAsync("#acc-imap-user", Mailbox);
        await page.FillAsync("#acc-smtp-host", LocalMail.Host);
        await page.FillAsync("#acc-smtp-port", TestEnvironment.SmtpPort.ToString(CultureInfo.InvariantCulture));
        await page.UncheckAsync("#acc-smtp-secure");
        await page.FillAsync("#acc-smtp-user", Mailbox);
        // Not saved without a registration: the 400 names the field.
        await page.ClickAsync("#save-account");
        await Assertions.Expect(page.Locator("label:has(#acc-oauth-app) + .field-error")).ToContainTextAsync("choose the app registration");
        await page.SelectOptionAsync("#acc-oauth-app", new SelectOptionValue { Label = $"{appName} — Other OpenID Connect / OAuth 2.0 provider" });
        await page.ClickAsync("#save-account");
        await Assertions.Expect(page.Locator("#account-form")).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, key).Locator("td.sign-in")).ToHaveTextAsync("Not signed in yet");
        var accounts = await admin.GetFromJsonAsync<JsonElement>("/api/accounts");
        return accounts.EnumerateArray().Single(a => a.GetProperty("key").GetString() == key).GetProperty("id").GetInt32();
    }

    // The administrator allows it on the provider's own page; from there the browser goes back to Mailroom.
    private static async Task SignInAsync(IPage page)
    {
        await page.ClickAsync("#acc-oauth-sign-in");
        await page.ClickAsync("#idp-allow");
        await page.WaitForURLAsync(url => url.Contains("/admin/accounts?signedIn=", StringComparison.Ordinal));
        await page.Locator("#ui-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    private static async Task VerifyUntilSignInNeededAsync(IPage page, string key)
    {
        // Mailroom's access token is still cached for up to its lifetime less the renewal margin; a verify after that
        // refreshes, and the provider answers invalid_grant.
        var limit = TestIdentityProvider.AccessTokenLifetime + TimeSpan.FromSeconds(30);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var state = Row(page, key).Locator("td.sign-in");
        while (!(await state.InnerTextAsync()).Contains("Sign-in needed", StringComparison.Ordinal))
        {
            Assert.True(waited.Elapsed < limit, "The revoked grant never showed as Sign-in needed.");
            await Row(page, key).Locator("button:has-text('Verify connection')").ClickAsync();
            await Assertions.Expect(page.Locator("tr.verify-result")).ToBeVisibleAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            await BrowserSession.OpenAsync(page, "/admin/accounts");
        }

        await Assertions.Expect(state).ToHaveTextAsync("⚠ Sign-in needed");
    }

    private async Task<string> AgentOfAsync(HttpClient admin, int accountId)
    {
        var email = $"oauth{Guid.NewGuid():N}"[..14] + "@example.test";
        var (agentId, _) = await _session.Server.CreateUserAsync(admin, email: email);
        (await admin.PostAsync($"/api/accounts/{accountId}/members/{agentId}", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/queues", new
        {
            name = "OAuth " + Guid.NewGuid().ToString("N")[..4],
            strategy = "ringAll",
            agentTimeoutSeconds = 120,
            members = new[] { new { userId = agentId } },
            accountIds = new[] { accountId },
        }, MailroomApp.Json)).EnsureSuccessStatusCode();
        return email;
    }

    private static async Task AcceptAndReplyAsync(IPage agent, string subject)
    {
        var offer = agent.Locator("#offers li.offer", new() { HasText = subject });
        await Assertions.Expect(offer).ToBeVisibleAsync(new() { Timeout = (float)MailPatience.TotalMilliseconds });
        await offer.Locator("button.accept").ClickAsync();
        await Assertions.Expect(agent.Locator(".thread-title")).ToContainTextAsync(subject);
        await agent.ClickAsync("#reply");
        await Assertions.Expect(agent.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
        await agent.Locator("#compose-body").FillAsync("It left our bank this morning.");
        await agent.ClickAsync("#send");
        await Assertions.Expect(agent.Locator("article.message.out")).ToHaveCountAsync(1);
    }

    /// <summary>Waits until the account has an interaction with the subject; returns how many it has.</summary>
    private static async Task<int> WaitForInteractionsAsync(HttpClient admin, int accountId, string subject)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var rows = await admin.GetFromJsonAsync<JsonElement>($"/api/interactions?accountId={accountId}&pageSize=100");
            var count = rows.EnumerateArray().Count(r => r.GetProperty("subject").GetString() == subject);
            if (count > 0)
            {
                return count;
            }

            Assert.True(waited.Elapsed < MailPatience, $"'{subject}' was never ingested.");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
