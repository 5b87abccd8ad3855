using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Desktop;

public sealed class LiveBoardTests : IClassFixture<BrowserSession>
{
    private readonly BrowserSession _session;

    public LiveBoardTests(BrowserSession session) => _session = session;

    [Fact]
    public async Task LiveBoard_CountsANewInteraction_WithoutAReload()
    {
        var admin = await _session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "WAL", active: true);
        var page = await _session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/supervisor");
        var board = page.Locator($"section.board[data-account='{account}']");
        await Assertions.Expect(board.Locator("strong.open")).ToHaveTextAsync("0");

        await Seed.InteractionAsync(_session.Server, account, "Wallboard " + Guid.NewGuid().ToString("N")[..6]);

        await Assertions.Expect(board.Locator("strong.open")).ToHaveTextAsync("1");
        await Assertions.Expect(board.Locator("strong.unassigned")).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "supervisor-live-board.png"), FullPage = true });
    }
}
