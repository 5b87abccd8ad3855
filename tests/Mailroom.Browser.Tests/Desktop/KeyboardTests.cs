using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>The core loop (offer → accept → reply → send → close) by an agent who never touches the mouse.</summary>
public sealed class KeyboardTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task CoreLoop_WithTheKeyboardOnly_AcceptsAnswersAndCloses_FromAnOfferTrayThatSaysWhoWaitsAndHowLong()
    {
        var admin = await session.Server.AdminClientAsync();
        var (account, key) = await TestAccounts.CreateWithKeyAsync(admin, "KB");
        var (agentId, email) = await MemberAsync(session.Server, admin, account, "keys");
        await CreateAsync(admin, "/api/queues", new
        {
            name = "Keys " + key,
            strategy = "ringAll",
            agentTimeoutSeconds = 300,
            members = new[] { new { userId = agentId } },
            accountIds = new[] { account },
        });
        var page = await session.SignedInPageAsync(email, Password);
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.SelectOptionAsync("#presence", "Online");
        await Assertions.Expect(page.Locator(".presence-dot.online")).ToBeVisibleAsync();

        var subject = "Keyboard question " + Guid.NewGuid().ToString("N")[..6];
        await Seed.InteractionAsync(session.Server, account, subject, age: TimeSpan.FromMinutes(7));
        var offer = page.Locator("#offers li.offer", new() { HasText = subject });
        await Assertions.Expect(offer).ToBeVisibleAsync();
        await Assertions.Expect(offer.Locator(".key")).ToHaveTextAsync(key);
        await Assertions.Expect(offer.Locator(".offer-customer")).ToHaveTextAsync("customer@customer.test");
        await Assertions.Expect(offer.Locator(".offer-wait")).ToHaveTextAsync("waiting 7 min");
        var position = await offer.BoundingBoxAsync();
        var viewport = page.ViewportSize!;
        Assert.True(position!.Y + position.Height <= viewport.Height, "the tray is in view");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-offer-tray.png") });

        await page.Keyboard.PressAsync("a");
        await Assertions.Expect(page.Locator(".thread-title")).ToContainTextAsync(subject);
        await Assertions.Expect(page.Locator("#offers li.offer")).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("r");
        await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator("#compose-body")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Thanks, it is on its way.");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator("article.message.out")).ToHaveCountAsync(1);
        await Assertions.Expect(page.FrameLocator("article.message.out iframe.html-body").GetByText("it is on its way")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("c");
        await Assertions.Expect(page.Locator("#disposition")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#confirm-close")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#work-status")).ToHaveTextAsync("Closed");
    }

    [Fact]
    public async Task QuestionMark_ShowsTheShortcuts_AndEscapeHidesThem()
    {
        var admin = await session.Server.AdminClientAsync();
        var email = $"help{Guid.NewGuid():N}"[..14] + "@example.test";
        await session.Server.CreateUserAsync(admin, email: email);
        var page = await session.SignedInPageAsync(email, "agent-password-1");
        await BrowserSession.OpenAsync(page, "/desktop");

        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.Locator("#shortcuts-help")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#shortcuts-help")).ToContainTextAsync("Reply all");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#shortcuts-help")).ToBeHiddenAsync();

        // Typing a question mark into the search box is typing, not a shortcut.
        await page.FocusAsync("#quick-search");
        await page.Keyboard.TypeAsync("why?");
        await Assertions.Expect(page.Locator("#shortcuts-help")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#quick-search")).ToHaveValueAsync("why?");
    }
}
