using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Admin;

/// <summary>
/// Issue 16, retention and erasure: the administrator sets an account's retention and a legal hold in the account editor;
/// erasing a customer of that account is refused in words while the hold stands, and goes through once it is lifted.
/// </summary>
public sealed class RetentionAndErasureTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task LegalHold_RefusesToEraseTheCustomer_UntilTheAdministratorLiftsIt()
    {
        var admin = await session.Server.AdminClientAsync();
        var (account, key) = await TestAccounts.CreateWithKeyAsync(admin, "RT");
        var list = "Customers " + Guid.NewGuid().ToString("N")[..6];
        var listId = await CreateAsync(admin, "/api/contact-lists", new { name = list });
        var email = $"ann-{Guid.NewGuid():N}"[..16] + "@customer.test";
        var contact = await CreateAsync(admin, "/api/contacts", new { listId, firstName = "Ann", email });
        var interaction = await Seed.InteractionAsync(session.Server, account, "My order", from: email);
        await using (var scope = session.Server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MailroomDb>().Interactions.Where(i => i.Id == interaction).ExecuteUpdateAsync(s => s.SetProperty(i => i.ContactId, contact));
        }

        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await EditAccountAsync(page, key);
        await page.FillAsync("#acc-retention-days", "0");
        await page.ClickAsync("#save-account");
        await Assertions.Expect(page.Locator(".field-error", new() { HasText = "between 1 and 36500 days" })).ToBeVisibleAsync();
        await page.FillAsync("#acc-retention-days", "365");
        await page.SelectOptionAsync("#acc-retention-mode", "Anonymise");
        await page.CheckAsync("#acc-legal-hold");
        await page.ClickAsync("#save-account");
        await Assertions.Expect(page.Locator("#acc-retention")).ToHaveCountAsync(0);
        var retention = (await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}")).GetProperty("retention");
        Assert.Equal((365, "anonymise", true), (retention.GetProperty("days").GetInt32(), retention.GetProperty("mode").GetString(), retention.GetProperty("legalHold").GetBoolean()));

        await EraseAsync(page, list, email);
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync($"under legal hold in {key}:");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync($"/api/interactions/{interaction}")).StatusCode);

        await EditAccountAsync(page, key);
        await page.UncheckAsync("#acc-legal-hold");
        await page.ClickAsync("#save-account");
        await Assertions.Expect(page.Locator("#acc-retention")).ToHaveCountAsync(0);
        await EraseAsync(page, list, email);
        await Assertions.Expect(page.Locator("#erased")).ToHaveTextAsync($"{email} erased: 1 contact, 1 interaction, 0 held mails.");
        await Assertions.Expect(page.Locator("#contacts tr", new() { HasText = email })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "admin-customer-erased.png"), FullPage = true });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.GetAsync($"/api/interactions/{interaction}")).StatusCode);
    }

    private static async Task EditAccountAsync(IPage page, string key)
    {
        await BrowserSession.OpenAsync(page, "/admin/accounts");
        await page.Locator("#accounts tr", new() { HasText = key }).Locator("button", new() { HasText = "Edit" }).ClickAsync();
        await Assertions.Expect(page.Locator("#acc-retention")).ToBeVisibleAsync();
    }

    private static async Task EraseAsync(IPage page, string list, string email)
    {
        await BrowserSession.OpenAsync(page, "/admin/contacts");
        await page.Locator("#lists tr", new() { HasText = list }).GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await page.Locator("#contacts tr", new() { HasText = email }).GetByRole(AriaRole.Button, new() { Name = "Erase customer…" }).ClickAsync();
        await Assertions.Expect(page.Locator("#erase-confirm")).ToContainTextAsync("This cannot be undone");
        await page.ClickAsync("#erase-for-good");
    }
}
