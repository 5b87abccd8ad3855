using Mailroom.Server.Demo;
using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Demo;

/// <summary>Mailroom as <c>./run.sh --demo</c> starts it, on the test's Dovecot and Postfix instead of the demo's own.</summary>
public sealed class DemoSession() : BrowserSession(new Dictionary<string, string?>
{
    [DemoSetup.Setting] = "true",
    ["MAILROOM_DEMO_IMAP_PORT"] = TestEnvironment.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["MAILROOM_DEMO_SMTP_PORT"] = TestEnvironment.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
});

/// <summary>Issue 9 item 5: within minutes of a fresh clone, a person sees the desktop working for real.</summary>
[Collection(SharedMailboxes.Name)]
public sealed class DemoTests(DemoSession session) : IClassFixture<DemoSession>
{
    // The demo's customers write every 4 s at first; the watchers fetch over IDLE.
    private static readonly float MailPatience = (float)TimeSpan.FromSeconds(90).TotalMilliseconds;

    [Fact]
    public async Task DemoAgent_GoesOnline_AndSeesCustomerMailArrive_WithAnOfferAnAttachmentAndAReply()
    {
        var page = await session.SignedInPageAsync("alice@example.test", DemoSeeder.AgentPassword);
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.SelectOptionAsync("#presence", "Online");
        await Assertions.Expect(page.Locator(".presence-dot.online")).ToBeVisibleAsync();

        await Assertions.Expect(page.Locator("#offers li.offer").First).ToBeVisibleAsync(new() { Timeout = MailPatience });
        var broken = page.Locator("#interactions li", new() { HasText = "Broken item in parcel" }).First;
        await Assertions.Expect(broken).ToBeVisibleAsync(new() { Timeout = MailPatience });
        // Each demo customer is a contact of their own.
        await Assertions.Expect(page.Locator("#interactions .contact", new() { HasText = "Aiko Tanaka" }).First).ToBeVisibleAsync(new() { Timeout = MailPatience });
        // A customer answering an earlier mail: the answer joins that thread (the row's tooltip is its last message).
        var answered = page.Locator("#interactions li[title^='Any news on this?']").First;
        await Assertions.Expect(answered).ToBeVisibleAsync(new() { Timeout = MailPatience });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "demo-desktop.png"), FullPage = true });

        await broken.ClickAsync();
        await Assertions.Expect(page.Locator("article.message .attachments li", new() { HasText = "receipt.txt" })).ToBeVisibleAsync();
        await answered.ClickAsync();
        // Both of the customer's mails; out of London's office hours the demo's plan has also sent its auto reply.
        await Assertions.Expect(page.Locator("article.message.in")).ToHaveCountAsync(2);
    }
}
