using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>Undo send in the desktop: the countdown on the message just sent, and Undo reopens the composer with it.</summary>
public sealed class UndoSendTests(UndoSendTests.HeldSession session) : IClassFixture<UndoSendTests.HeldSession>
{
    [Fact]
    public async Task Send_ShowsSendingInSecondsWithUndo_UndoReopensTheComposerWithTheText_AndTheMessageLeavesTheThread()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "UND");
        var id = await Seed.InteractionAsync(session.Server, account, "Refund " + Guid.NewGuid().ToString("N")[..6]);
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        await page.ClickAsync("#reply");
        await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
        await page.Locator("#compose-body").FillAsync("Your refund left today.");
        await page.ClickAsync("#send");

        var hold = page.Locator("article.message.out .undo-hold");
        await Assertions.Expect(hold).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"Sending in \d+ s · Undo"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-undo-send.png") });
        await hold.Locator("button.undo-send").ClickAsync();

        await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator("#compose-body")).ToContainTextAsync("Your refund left today.");
        await Assertions.Expect(page.Locator("article.message.out")).ToHaveCountAsync(0);
    }

    /// <summary>A hold long enough for a browser to click within it.</summary>
    public sealed class HeldSession() : BrowserSession([new("Mailroom:Outbound:UndoHold", "00:00:30")]);
}
