using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Supervisor;

/// <summary>Reports per account as tables and charts.</summary>
public sealed class ReportsTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Report_ForAnAccount_ShowsItsCountsAndTags_AndOffersTheCsv()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "REP");
        var key = (await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}")).GetProperty("key").GetString()!;
        var first = await Seed.InteractionAsync(session.Server, account, "Where is my parcel");
        await Seed.InteractionAsync(session.Server, account, "Refund please");
        var tag = "vip-" + Guid.NewGuid().ToString("N")[..6];
        var tagId = (await (await admin.PostAsJsonAsync("/api/tags", new { name = tag })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await admin.PutAsJsonAsync($"/api/interactions/{first}/tags", new { tagIds = new[] { tagId } })).EnsureSuccessStatusCode();
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/supervisor/reports");
        // The last 30 days are there before anyone presses Run, with their trend.
        await Assertions.Expect(page.Locator("#report-trend")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#report-accounts-table tr[data-account='{key}'] .received")).ToHaveTextAsync("2");

        await page.SelectOptionAsync("#report-accounts", [account.ToString(CultureInfo.InvariantCulture)]);
        await page.ClickAsync("#run-report");

        var row = page.Locator($"#report-accounts-table tr[data-account='{key}']");
        await Assertions.Expect(row.Locator(".received")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#report-accounts-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"#report-tags li[data-label='{tag}'] .bar-value")).ToHaveTextAsync("1");
        var today = session.Server.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("#report-trend .trend-step")).ToHaveCountAsync(31);
        await Assertions.Expect(page.Locator($"#report-trend .trend-step[data-start='{today}']")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("2 received, 0 closed$"));
        await Assertions.Expect(page.Locator("#report-csv")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"accounts={account}$"));
        var csv = await admin.GetStringAsync(await page.Locator("#report-csv").GetAttributeAsync("href"));
        Assert.Contains($"{key},2,2,0,0,0,0,", csv, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "supervisor-reports.png"), FullPage = true });
    }
}
