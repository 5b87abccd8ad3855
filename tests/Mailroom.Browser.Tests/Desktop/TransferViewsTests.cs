using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Desktop;

public sealed class TransferViewsTests : IClassFixture<BrowserSession>
{
    private readonly BrowserSession _session;

    public TransferViewsTests(BrowserSession session) => _session = session;

    [Fact]
    public async Task Unassigned_BatchTransferToAGroup_ShowsAResultPerItem_AndTheMovedOneUnderTransferred()
    {
        var admin = await _session.Server.AdminClientAsync();
        var withRule = await TestAccounts.CreateAsync(admin, "BRU", active: true);
        var withoutRule = await TestAccounts.CreateAsync(admin, "BNO", active: true);
        var (agentId, _) = await _session.Server.CreateUserAsync(admin);
        var created = await admin.PostAsJsonAsync("/api/queues", new { name = "Billing " + Guid.NewGuid().ToString("N")[..6], members = new[] { new { userId = agentId } }, accountIds = new[] { withRule } });
        created.EnsureSuccessStatusCode();
        var group = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var ok = await Seed.InteractionAsync(_session.Server, withRule, "Batch ok " + Guid.NewGuid().ToString("N")[..6]);
        var refused = await Seed.InteractionAsync(_session.Server, withoutRule, "Batch refused " + Guid.NewGuid().ToString("N")[..6]);
        var page = await _session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);

        await BrowserSession.OpenAsync(page, "/transfers");
        await page.CheckAsync($"#unassigned tr[data-id='{ok}'] input.pick");
        await page.CheckAsync($"#unassigned tr[data-id='{refused}'] input.pick");
        await page.SelectOptionAsync("#batch-group", group.ToString(CultureInfo.InvariantCulture));
        await page.ClickAsync("#batch-transfer");

        await Assertions.Expect(page.Locator($"#batch-results li[data-id='{ok}']")).ToHaveAttributeAsync("data-ok", "true");
        var failed = page.Locator($"#batch-results li[data-id='{refused}']");
        await Assertions.Expect(failed).ToHaveAttributeAsync("data-reason", "noRoutingRule");
        await Assertions.Expect(failed).ToContainTextAsync("no routing rule");
        await Assertions.Expect(page.Locator($"#transferred tr[data-id='{ok}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#transferred tr[data-id='{refused}']")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "transfers-batch.png"), FullPage = true });
    }
}
