using Mailroom.TestSupport;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>Scheduled send in the desktop, as the agent who owns the interaction: "next business morning", then Cancel brings the text back.</summary>
public sealed class ScheduledSendTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Agent_SchedulesForTheNextBusinessMorning_SeesItScheduled_AndCancelsItBackIntoTheComposer()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "SS", active: true);
        var (_, email) = await MemberAsync(session.Server, admin, account, "sched");
        var id = await Seed.InteractionAsync(session.Server, account, "Call me tomorrow " + Guid.NewGuid().ToString("N")[..6]);
        var page = await session.SignedInPageAsync(email, Password);

        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        await page.ClickAsync("#reply");
        await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
        await page.Locator("#compose-body").FillAsync("Good morning, here is the answer.");
        var morning = (await page.Locator("#send-later-choice option[value='morning']").TextContentAsync())!;
        await page.SelectOptionAsync("#send-later-choice", "morning");
        await page.ClickAsync("#schedule-send");

        var scheduled = page.Locator("article.message.out .delivery .scheduled");
        await Assertions.Expect(scheduled).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Scheduled for \d{4}-\d\d-\d\d 09:00 UTC$"));
        Assert.Contains((await scheduled.TextContentAsync())!["Scheduled for ".Length..], morning, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-scheduled-send.png") });

        await page.ClickAsync("article.message.out button.cancel-scheduled");
        await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator("#compose-body")).ToContainTextAsync("Good morning, here is the answer.");
        await Assertions.Expect(page.Locator("article.message.out")).ToHaveCountAsync(0);
    }
}
