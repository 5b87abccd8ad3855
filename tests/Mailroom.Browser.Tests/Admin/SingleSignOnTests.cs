using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Mailroom.TestSupport.OAuth;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Admin;

/// <summary>
/// Issue 16, single sign-on, by clicking: the administrator maps a group of the company's identity provider to the
/// agent role and an account; a person of that group clicks "Sign in with Example Corp" on Mailroom's sign-in page,
/// signs in at the provider (the tests' OpenIddict server, through ASP.NET Core's OpenID Connect handler) and lands
/// on the desktop as an agent of that account. A person of no mapped group is told so on the sign-in page.
/// </summary>
public sealed class SingleSignOnTests(SingleSignOnTests.SsoSession session) : IClassFixture<SingleSignOnTests.SsoSession>
{
    private const string IdpPassword = "idp-password-1";

    public sealed class SsoSession() : BrowserSession(new Dictionary<string, string?>
    {
        ["Mailroom:Sso:Authority"] = $"http://127.0.0.1:{TestEnvironment.OAuthPort}/",
        ["Mailroom:Sso:ClientId"] = TestIdentityProvider.StaffClientId,
        ["Mailroom:Sso:ClientSecret"] = TestIdentityProvider.StaffClientSecret,
        ["Mailroom:Sso:ExtraScopes"] = TestIdentityProvider.GroupsScope,
        ["Mailroom:Sso:DisplayName"] = "Example Corp",
    });

    [Fact]
    public async Task AdminMapsAGroup_APersonOfItSignsInAtTheProvider_AndLandsOnTheDesktopWithThatAccount()
    {
        var idp = await TestIdentityProvider.SharedAsync();
        await idp.AllowRedirectUriAsync(new Uri(session.Server.BaseAddress, "/signin-oidc"), TestIdentityProvider.StaffClientId);
        var adminApi = await session.Server.AdminClientAsync();
        var key = "Q" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        await CreateAsync(adminApi, "/api/accounts", new
        {
            name = "Care " + key,
            key,
            address = key.ToLowerInvariant() + "@example.test",
            active = false,
            imap = new { host = "127.0.0.1", port = 1 },
            smtp = new { host = "127.0.0.1", port = 1 }
        });
        var group = "Care team " + key;

        var admin = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(admin, "/admin/settings");
        await Assertions.Expect(admin.Locator("#sso-status")).ToContainTextAsync("Staff can sign in with Example Corp");
        await admin.ClickAsync("#add-sso-group");
        var row = admin.Locator("#sso-groups tr.sso-group").Last;
        await row.Locator(".sso-group-name").FillAsync(group);
        await row.Locator(".sso-group-role").SelectOptionAsync("Agent");
        await row.Locator($"label:has-text('Care {key}') input").CheckAsync();
        await admin.ClickAsync("#save-sso-groups");
        await Assertions.Expect(admin.Locator("#sso-groups-saved")).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "sso-groups.png"), FullPage = true });

        var email = $"ann.{key.ToLowerInvariant()}@company.test";
        TestIdentityProvider.AddStaff(email, IdpPassword, "Ann Care", group);
        var agent = await NewPageAsync();
        await SignInAtTheProviderAsync(agent, email);

        await agent.WaitForURLAsync("**/desktop");
        await Assertions.Expect(agent.Locator(".who")).ToHaveTextAsync("Ann Care");
        var people = await adminApi.GetFromJsonAsync<JsonElement>("/api/users");
        var ann = people.EnumerateArray().Single(u => u.GetProperty("email").GetString() == email);
        Assert.Equal("agent", ann.GetProperty("role").GetString());
        var accounts = await adminApi.GetFromJsonAsync<JsonElement>("/api/accounts");
        var care = accounts.EnumerateArray().Single(a => a.GetProperty("key").GetString() == key);
        Assert.Contains(ann.GetProperty("id").GetInt32(), care.GetProperty("memberIds").EnumerateArray().Select(m => m.GetInt32()));
    }

    [Fact]
    public async Task PersonOfNoMappedGroup_IsToldOnTheSignInPage_WhatToAskFor()
    {
        var idp = await TestIdentityProvider.SharedAsync();
        await idp.AllowRedirectUriAsync(new Uri(session.Server.BaseAddress, "/signin-oidc"), TestIdentityProvider.StaffClientId);
        var email = $"bob.{Guid.NewGuid():N}"[..12] + "@company.test";
        TestIdentityProvider.AddStaff(email, IdpPassword, "Bob", "Marketing");
        var page = await NewPageAsync();

        await SignInAtTheProviderAsync(page, email);

        await page.WaitForURLAsync("**/login?sso=nomappedgroup");
        await Assertions.Expect(page.Locator("#sso-problem")).ToContainTextAsync("none of your groups gives access to Mailroom");
    }

    private async Task<IPage> NewPageAsync()
    {
        var page = await session.Browser.NewPageAsync(new() { BaseURL = session.Server.BaseAddress.ToString() });
        page.SetDefaultTimeout(60_000);
        return page;
    }

    private static async Task SignInAtTheProviderAsync(IPage page, string email)
    {
        await page.GotoAsync("/login", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.ClickAsync("#sso-sign-in");
        await page.FillAsync("#idp-email", email);
        await page.FillAsync("#idp-password", IdpPassword);
        await page.ClickAsync("#idp-sign-in");
    }
}
