using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Admin;

public sealed class AdminShellTests : IClassFixture<BrowserSession>
{
    private readonly BrowserSession _session;

    public AdminShellTests(BrowserSession session) => _session = session;

    [Fact]
    public async Task Admin_SignsIn_AndCreatesAnEmailAccount()
    {
        var page = await _session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/admin/accounts");
        await page.ClickAsync("#new-account");

        await page.FillAsync("#acc-name", "Support desk");
        await page.FillAsync("#acc-key", "SUP");
        await page.FillAsync("#acc-address", "support@example.test");
        await page.FillAsync("#acc-imap-host", "127.0.0.1");
        await page.FillAsync("#acc-imap-port", "3143");
        await page.FillAsync("#acc-imap-password", "support-pass");
        await page.FillAsync("#acc-smtp-host", "127.0.0.1");
        await page.FillAsync("#acc-smtp-port", "2525");
        await page.FillAsync("#acc-smtp-password", "support-pass");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "admin-account-form.png"), FullPage = true });
        await page.ClickAsync("#save-account");

        var row = page.Locator("#accounts tbody tr", new() { HasText = "support@example.test" });
        try
        {
            await Assertions.Expect(row).ToContainTextAsync("SUP", new() { Timeout = 15000 });
        }
        finally
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "admin-after-save.png"), FullPage = true });
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "admin-accounts.png"), FullPage = true });
    }

    [Fact]
    public async Task Admin_SeesTheFieldError_ForAKeyTooLong()
    {
        var page = await _session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/admin/accounts");
        await page.ClickAsync("#new-account");
        await page.FillAsync("#acc-name", "Too long");
        await page.FillAsync("#acc-key", "TOOLONG");
        await page.FillAsync("#acc-address", "sales@example.test");
        await page.FillAsync("#acc-imap-host", "127.0.0.1");
        await page.FillAsync("#acc-smtp-host", "127.0.0.1");
        await page.ClickAsync("#save-account");

        await Assertions.Expect(page.Locator(".field-error", new() { HasText = "Key must be 1 to 5 characters" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSo()
    {
        var page = await _session.Browser.NewPageAsync(new() { BaseURL = _session.Server.BaseAddress.ToString() });
        await page.GotoAsync("/login");
        await page.FillAsync("#email", MailroomApp.AdminEmail);
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("#sign-in");

        await Assertions.Expect(page.Locator(".notice.error")).ToContainTextAsync("Wrong email or password");
    }
}
