using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Admin;

/// <summary>The administrator sets an account's service levels on the Service levels page.</summary>
public sealed class SlaPolicyEditorTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Admin_CreatesEditsAndDeletesAPolicy_SeesDurationsInWords_AndABadThresholdAtItsField()
    {
        var admin = await session.Server.AdminClientAsync();
        var (account, key) = await TestAccounts.CreateWithKeyAsync(admin, "SLA");
        var name = "Gold " + Guid.NewGuid().ToString("N")[..6];
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/");
        await page.Locator("nav a", new() { HasText = "Service levels" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/service-levels");
        await page.Locator("#ui-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.ClickAsync("#new-sla-policy");
        await page.FillAsync("#sla-name", name);
        await page.SelectOptionAsync("#sla-account", new SelectOptionValue { Label = key });
        await page.FillAsync("#sla-first-response", "4");
        await page.SelectOptionAsync("#sla-first-response-unit", new SelectOptionValue { Label = "h" });
        await page.CheckAsync("#sla-at-risk-notify");
        await page.ClickAsync("#save-sla-policy");
        var row = page.Locator($"#sla-policies tr[data-sla-policy='{name}']");
        await Assertions.Expect(row.Locator(".first-response")).ToHaveTextAsync("4 h");
        await Assertions.Expect(row).ToContainTextAsync(key);
        await Assertions.Expect(row.Locator(".at-risk")).ToHaveTextAsync("notify supervisors");
        await Assertions.Expect(row.Locator(".breach")).ToHaveTextAsync("nothing");
        var stored = await PolicyAsync(admin, name);
        Assert.Equal((account, 240, 75, true, false), (stored.GetProperty("accountId").GetInt32(), stored.GetProperty("firstResponseMinutes").GetInt32(),
            stored.GetProperty("atRiskPercent").GetInt32(), stored.GetProperty("atRisk").GetProperty("notifySupervisors").GetBoolean(),
            stored.GetProperty("breach").GetProperty("notifySupervisors").GetBoolean()));

        await row.Locator("button", new() { HasText = "Edit" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sla-first-response")).ToHaveValueAsync("4");
        await page.FillAsync("#sla-at-risk-percent", "150");
        await page.ClickAsync("#save-sla-policy");
        await Assertions.Expect(page.Locator("div:has(> label > #sla-at-risk-percent) > .field-error")).ToHaveTextAsync("At-risk threshold must be between 1 and 99.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "admin-service-levels.png"), FullPage = true });
        await page.FillAsync("#sla-at-risk-percent", "80");
        await page.FillAsync("#sla-resolution", "30");
        await page.SelectOptionAsync("#sla-resolution-unit", new SelectOptionValue { Label = "min" });
        await page.FillAsync("#sla-breach-priority", "9");
        await page.ClickAsync("#save-sla-policy");
        await Assertions.Expect(page.Locator("#sla-policy-form")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator(".resolution")).ToHaveTextAsync("30 min");
        await Assertions.Expect(row.Locator(".at-risk-percent")).ToHaveTextAsync("80 %");
        await Assertions.Expect(row.Locator(".breach")).ToHaveTextAsync("priority 9");
        stored = await PolicyAsync(admin, name);
        Assert.Equal((240, 30, 80, 9), (stored.GetProperty("firstResponseMinutes").GetInt32(), stored.GetProperty("resolutionMinutes").GetInt32(),
            stored.GetProperty("atRiskPercent").GetInt32(), stored.GetProperty("breach").GetProperty("raisePriorityTo").GetInt32()));

        await row.Locator("button", new() { HasText = "Delete" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        var left = await admin.GetFromJsonAsync<JsonElement>("/api/sla-policies");
        Assert.DoesNotContain(left.EnumerateArray(), p => p.GetProperty("name").GetString() == name);
    }

    private static async Task<JsonElement> PolicyAsync(HttpClient admin, string name) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/sla-policies")).EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);
}
