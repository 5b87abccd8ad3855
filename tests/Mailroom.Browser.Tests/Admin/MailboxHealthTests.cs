using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Admin;

/// <summary>Issue 19: the accounts list says how each mailbox is being read, against the real Dovecot.</summary>
public sealed class MailboxHealthTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task AccountsList_ShowsAReadMailboxAsReading_AndAnUnreachableOneAsRetrying_WithTheServersError()
    {
        var admin = await session.Server.AdminClientAsync();
        var readKey = "MH" + Guid.NewGuid().ToString("N")[..3].ToUpperInvariant();
        var read = await admin.PostAsJsonAsync("/api/accounts", LocalMail.AccountBody("sink@example.test", readKey));
        Assert.True(read.IsSuccessStatusCode, await read.Content.ReadAsStringAsync());
        var broken = await TestAccounts.CreateAsync(admin, "MHX", active: true);
        var brokenKey = (await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{broken}")).GetProperty("key").GetString()!;
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);

        await BrowserSession.OpenAsync(page, "/admin/accounts");

        var healthy = page.Locator("#accounts tr", new() { HasText = readKey }).Locator(".mailbox-health");
        await Assertions.Expect(healthy).ToContainTextAsync("Reading");
        await Assertions.Expect(healthy).ToHaveClassAsync("mailbox-health ok");
        var failing = page.Locator("#accounts tr", new() { HasText = brokenKey }).Locator(".mailbox-health");
        await Assertions.Expect(failing).ToHaveTextAsync("⚠ Cannot connect, retrying");
        await Assertions.Expect(failing).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^Last error .+: .+"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "admin-accounts-health.png"), FullPage = true });
    }
}
