using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Admin;

public sealed class ActionPlanEditorTests : IClassFixture<BrowserSession>
{
    private readonly BrowserSession _session;

    public ActionPlanEditorTests(BrowserSession session) => _session = session;

    [Fact]
    public async Task Admin_BuildsAPlanWithWorkingHoursTagAndGoto_ItIsThereAfterAReload()
    {
        var admin = await _session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "PLN");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var queue = await CreateAsync(admin, "/api/queues", new { name = "Billing " + suffix });
        var tag = await CreateAsync(admin, "/api/tags", new { name = "VIP" + suffix });
        var page = await _session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);

        await BrowserSession.OpenAsync(page, "/admin/working-hours");
        await page.ClickAsync("#new-interval");
        await page.FillAsync("#interval-name", "Office " + suffix);
        await page.SelectOptionAsync("#interval-zone", "Europe/Rome");
        await page.FillAsync("#part-0-from", "09:00");
        await page.FillAsync("#part-0-to", "17:30");
        foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" })
        {
            await page.CheckAsync($"#part-0-day-{day}");
        }

        await page.FillAsync("#holiday-date", "2026-12-25");
        await page.ClickAsync("#add-holiday");
        await Assertions.Expect(page.Locator(".holiday")).ToContainTextAsync("2026-12-25");
        await page.ClickAsync("#save-interval");
        var row = page.Locator("#intervals tbody tr", new() { HasText = "Office " + suffix });
        await Assertions.Expect(row).ToContainTextAsync("Mon Tue Wed Thu Fri 9:00–17:30");
        await Assertions.Expect(row).ToContainTextAsync("2026-12-25");

        await BrowserSession.OpenAsync(page, "/admin/accounts");
        await page.Locator($"a[href='/admin/accounts/{account}/plan']").ClickAsync();
        await page.WaitForURLAsync($"**/admin/accounts/{account}/plan");
        await page.Locator("#ui-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.ClickAsync("#add-step");
        await page.SelectOptionAsync("#step-0-queue", queue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#step-0-timeout", "45");
        await page.SelectOptionAsync("#step-0-interval", new SelectOptionValue { Label = "Office " + suffix });
        await page.ClickAsync("#add-step");
        await page.SelectOptionAsync("#step-1-kind", "Tag");
        await page.SelectOptionAsync("#step-1-tag", new SelectOptionValue { Label = "VIP" + suffix });
        await page.ClickAsync("#add-step");
        await page.SelectOptionAsync("#step-2-kind", "Goto");
        await page.SelectOptionAsync("#step-2-target", "1");
        await page.ClickAsync("#step-2-up"); // the jump follows the tag step it points at: step 1 now goes to step 2
        await Assertions.Expect(page.Locator("#step-1-target")).ToHaveValueAsync("2");
        await page.ClickAsync("#save-plan");
        await Assertions.Expect(page.Locator("#plan-saved")).ToBeVisibleAsync();

        await BrowserSession.OpenAsync(page, $"/admin/accounts/{account}/plan");
        await Assertions.Expect(page.Locator("#step-0-queue")).ToHaveValueAsync(queue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#step-0-timeout")).ToHaveValueAsync("45");
        await Assertions.Expect(page.Locator("#step-0-interval option:checked")).ToHaveTextAsync("Office " + suffix);
        await Assertions.Expect(page.Locator("#step-1-kind")).ToHaveValueAsync("Goto");
        await Assertions.Expect(page.Locator("#step-1-target")).ToHaveValueAsync("2");
        await Assertions.Expect(page.Locator("#step-2-tag option:checked")).ToHaveTextAsync("VIP" + suffix);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "admin-action-plan.png"), FullPage = true });
    }

    [Fact]
    public async Task Admin_GotoToARemovedStep_SeesTheErrorAtThatStep()
    {
        var admin = await _session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "PLE");
        var tag = await CreateAsync(admin, "/api/tags", new { name = "Hot" + Guid.NewGuid().ToString("N")[..6] });
        var page = await _session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, $"/admin/accounts/{account}/plan");

        await page.ClickAsync("#add-step");
        await page.SelectOptionAsync("#step-0-kind", "Tag");
        await page.SelectOptionAsync("#step-0-tag", tag.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#add-step");
        await page.SelectOptionAsync("#step-1-kind", "Goto");
        await page.ClickAsync("#add-step");
        await page.SelectOptionAsync("#step-1-target", "2");
        await page.ClickAsync("#step-2-remove");
        await page.ClickAsync("#save-plan");

        var error = page.Locator("fieldset[data-step='1'] .field-error");
        await Assertions.Expect(error).ToContainTextAsync("jumps to a step that does not exist");
        await Assertions.Expect(page.Locator("fieldset[data-step='0'] .field-error")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "admin-action-plan-error.png"), FullPage = true });
    }
}
