using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>Issue 9: the composer keeps its answer as a server draft the agent finds again after a reload.</summary>
public sealed class DraftsTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Composer_AutosavesTheAnswer_ItComesBackAfterAReload_AndSendingRemovesTheDraft()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "DRA");
        var id = await Seed.InteractionAsync(session.Server, account, "Parcel lost " + Guid.NewGuid().ToString("N")[..6]);
        var subject = "Your parcel " + Guid.NewGuid().ToString("N")[..6];
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        await page.ClickAsync("#reply");
        await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");

        await page.FillAsync("#compose-subject", subject);
        await page.Locator("#compose-body").FillAsync("We found it in the depot; it ships tomorrow.");
        await Assertions.Expect(page.Locator("#draft-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Saved \d\d:\d\d$"));
        var chip = page.Locator("#drafts .chip", new() { HasText = subject });
        await Assertions.Expect(chip).ToBeVisibleAsync();

        await BrowserSession.OpenAsync(page, "/desktop");
        await chip.Locator("button").First.ClickAsync();

        await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator("#compose-subject")).ToHaveValueAsync(subject);
        await Assertions.Expect(page.Locator("#compose-body")).ToHaveTextAsync("We found it in the depot; it ships tomorrow.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-draft-restored.png") });
        await page.ClickAsync("#send");

        await Assertions.Expect(page.Locator("article.message.out")).ToHaveCountAsync(1);
        await Assertions.Expect(chip).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Discard_AsksFirst_ThenDeletesTheDraft()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "DRD");
        var id = await Seed.InteractionAsync(session.Server, account, "Wrong size " + Guid.NewGuid().ToString("N")[..6]);
        var subject = "Exchange " + Guid.NewGuid().ToString("N")[..6];
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        await page.ClickAsync("#forward");
        await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
        await page.FillAsync("#compose-subject", subject);
        await page.ClickAsync("#composer-minimize");
        var chip = page.Locator("#drafts .chip", new() { HasText = subject });
        await Assertions.Expect(chip).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#composer")).ToHaveCountAsync(0);

        // The red pencil says this interaction has a saved draft, and reopens it.
        await Assertions.Expect(page.Locator("#draft-pencil")).ToHaveClassAsync("link pencil has-draft");
        await page.ClickAsync("#draft-pencil");
        await Assertions.Expect(page.Locator("#compose-subject")).ToHaveValueAsync(subject);
        await page.ClickAsync("#composer-cancel");
        await page.ClickAsync("#keep-writing");
        await Assertions.Expect(chip).ToBeVisibleAsync();
        await page.ClickAsync("#composer-cancel");
        await page.ClickAsync("#confirm-discard");

        await Assertions.Expect(page.Locator("#composer")).ToHaveCountAsync(0);
        await Assertions.Expect(chip).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#draft-pencil")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#draft-pencil")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("has-draft"));
    }
}
