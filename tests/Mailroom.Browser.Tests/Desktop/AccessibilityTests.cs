using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>
/// WCAG 2.2 AA as axe-core checks it, on the screens people work in all day: no serious or critical violation.
/// A customer's mail inside its frame is not ours to fix and is left out of the scan.
/// </summary>
public sealed class AccessibilityTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    public static TheoryData<string> Screens => ["/desktop", "/supervisor", "/admin/accounts", "/admin/users", "/"];

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Screen_HasNoSeriousAccessibilityViolation(string path)
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "AXE");
        await Seed.InteractionAsync(session.Server, account, "Accessible question", "<p>Hello, <b>accessible</b> world</p>");
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, path);
        if (path == "/desktop")
        {
            await page.Locator("#interactions li.row").First.ClickAsync();
            await Assertions.Expect(page.Locator(".thread-title")).ToBeVisibleAsync();
        }

        var result = await page.RunAxe(new AxeRunContext { Exclude = [new AxeSelector("iframe.html-body")] },
            new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"{path}:\n" + string.Join("\n", serious));
    }
}
