using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Admin;

/// <summary>Issue 17: the administrator sets an account's Held settings and its blocklist in the account editor.</summary>
public sealed class HeldSettingsEditorTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task AccountEditor_SavesHoldSettings_AndEditsTheBlocklist_WithFieldErrorsInWords()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "HST");
        var key = (await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}")).GetProperty("key").GetString()!;
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/admin/accounts");
        await page.Locator("#accounts tr", new() { HasText = key }).Locator("button", new() { HasText = "Edit" }).ClickAsync();

        await page.FillAsync("#rule-sender", "not a domain");
        await page.ClickAsync("#rule-add");
        await Assertions.Expect(page.Locator("#acc-sender-rules .field-error")).ToContainTextAsync("Sender 'not a domain' is neither an email address nor a domain.");
        await page.FillAsync("#rule-sender", "@Junk.test");
        await page.ClickAsync("#rule-add");
        await Assertions.Expect(page.Locator("#acc-sender-rules li[data-sender-rule='junk.test']")).ToContainTextAsync("blocked");

        await page.FillAsync("#acc-flood-limit", "0");
        await page.ClickAsync("#save-account");
        await Assertions.Expect(page.Locator(".field-error", new() { HasText = "Flood limit must be between 1 and 10000" })).ToBeVisibleAsync();
        await page.FillAsync("#acc-flood-limit", "3");
        await page.FillAsync("#acc-held-expiry", "7");
        await page.FillAsync("#acc-spamassassin-score", "4.5");
        await page.CheckAsync("#acc-route-automatic");
        await page.ClickAsync("#save-account");
        await Assertions.Expect(page.Locator("#acc-held")).ToHaveCountAsync(0);

        var hold = (await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}")).GetProperty("hold");
        Assert.Equal((3, 7, 4.5, true, false), (hold.GetProperty("floodLimit").GetInt32(), hold.GetProperty("expiryDays").GetInt32(),
            hold.GetProperty("spamAssassinScore").GetDouble(), hold.GetProperty("routeAutomaticMail").GetBoolean(), hold.GetProperty("routeDmarcFailures").GetBoolean()));
        var rules = (await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}/sender-rules")).EnumerateArray().ToList();
        Assert.Equal("junk.test", Assert.Single(rules).GetProperty("sender").GetString());
    }
}
