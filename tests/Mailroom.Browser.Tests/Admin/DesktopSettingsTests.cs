using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Admin;

/// <summary>"Search on Enter Key": the administrator's choice decides whether typing alone searches the list.</summary>
public sealed class DesktopSettingsTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task SearchOnEnterOnly_TypingDoesNotSearch_EnterDoes()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "SET");
        var token = "zq" + Guid.NewGuid().ToString("N")[..8];
        var kettle = await Seed.InteractionAsync(session.Server, account, $"Kettle broken {token}");
        await Seed.InteractionAsync(session.Server, account, $"Parcel late {token}");
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        var rows = page.Locator("#interactions li");

        // Off (the default): five characters typed are enough.
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.SelectOptionAsync("#filter-account", account.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.Locator("#quick-search").PressSequentiallyAsync("kettle");
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        await BrowserSession.OpenAsync(page, "/admin/settings");
        await page.CheckAsync("#search-on-enter");
        await page.ClickAsync("#save-settings");
        await Assertions.Expect(page.Locator("#settings-saved")).ToBeVisibleAsync();

        await BrowserSession.OpenAsync(page, "/desktop");
        await page.SelectOptionAsync("#filter-account", account.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.Locator("#quick-search").PressSequentiallyAsync("kettle");
        // Typing alone must not search. An absence can only be watched for a while: two seconds is several times
        // what the same search took above, where typing did search.
        await Assertions.Expect(page.Locator("#quick-search")).ToHaveValueAsync("kettle");
        for (var watch = System.Diagnostics.Stopwatch.StartNew(); watch.Elapsed < TimeSpan.FromSeconds(2);)
        {
            Assert.Equal(2, await rows.CountAsync());
            await Task.Delay(100);
        }

        await page.PressAsync("#quick-search", "Enter");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-id", kettle.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task SubjectPreviewOff_HidesTheLastMessageOnHover_AndPauseReasonsBecomeTheAgentsList()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "PRV");
        var id = await Seed.InteractionAsync(session.Server, account, "Hover me", text: "The first lines of the customer's mail");
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        var row = page.Locator($"#interactions li[data-id='{id}']");
        await BrowserSession.OpenAsync(page, "/desktop");
        await Assertions.Expect(row).ToHaveAttributeAsync("title", "The first lines of the customer's mail");

        await BrowserSession.OpenAsync(page, "/admin/settings");
        await page.UncheckAsync("#subject-preview");
        await page.FillAsync("#pause-reasons", "Lunch\nlunch");
        await page.ClickAsync("#save-settings");
        await Assertions.Expect(page.Locator("#desktop-settings .field-error")).ToContainTextAsync("must not name a reason twice");
        await page.FillAsync("#pause-reasons", "Lunch\nTraining");
        await page.ClickAsync("#save-settings");
        await Assertions.Expect(page.Locator("#settings-saved")).ToBeVisibleAsync();

        await BrowserSession.OpenAsync(page, "/desktop");
        await Assertions.Expect(row).ToBeVisibleAsync();
        Assert.Null(await row.GetAttributeAsync("title"));
        await page.SelectOptionAsync("#presence", "Paused");
        await Assertions.Expect(page.Locator("select#pause-reason option")).ToHaveTextAsync(["Choose a reason…", "Lunch", "Training"]);
    }
}
