using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Admin;

/// <summary>Issue 9: each account template previews beside its field, and a broken one says why.</summary>
public sealed class TemplatePreviewTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Preview_ShowsTheSubstitutedValues_AndABrokenTemplatesError()
    {
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/admin/accounts");
        await page.ClickAsync("#new-account");
        await page.FillAsync("#acc-name", "Parcel desk");
        await page.FillAsync("#acc-address", "parcels@example.test");

        await page.FillAsync("#acc-signature", "<b>{{agentName}}</b> for {{accountName}} ({{accountAddress}})");
        await page.ClickAsync("#preview-signature-button");
        await Assertions.Expect(page.Locator("#preview-signature .preview-output")).ToHaveTextAsync("Alex Agent for Parcel desk (parcels@example.test)");
        await Assertions.Expect(page.Locator("#preview-signature .preview-output b")).ToHaveTextAsync("Alex Agent");

        await page.FillAsync("#acc-transfer-template", "Moved from {{fromAccount}} to {{toAccount}}");
        await page.ClickAsync("#preview-transfer-button");
        await Assertions.Expect(page.Locator("#preview-transfer .preview-output")).ToHaveTextAsync("Moved from parcels@example.test to support@example.com");

        await page.FillAsync("#acc-notification", "{{account}}: {{subject}}");
        await page.ClickAsync("#preview-notification-button");
        await Assertions.Expect(page.Locator("#preview-notification .preview-output")).ToHaveTextAsync("Parcel desk: Where is my parcel?");

        await page.FillAsync("#acc-signature", "{{#if agentName}}Regards");
        await page.ClickAsync("#preview-signature-button");
        await Assertions.Expect(page.Locator("#preview-signature .preview-error")).ToContainTextAsync("This template cannot be rendered");
        await Assertions.Expect(page.Locator("#preview-signature .preview-output")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "admin-template-preview.png"), FullPage = true });
    }
}
