using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>
/// The agent's core loop as the issue-19 review met it: how long customers have waited, the whole list and not
/// its first 50, links that open, who a reply goes to, "Send and close" that asks instead of failing, one pane
/// on a narrow screen. Each as the agent who does it, never the administrator.
/// </summary>
public sealed class ReadingAndAnsweringTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task List_ShowsHowLongEachCustomerWaited_CountsEveryRow_PagesAndSortsByLongestWait()
    {
        var (account, page) = await AgentOnItsOwnAccountAsync();
        for (var n = 0; n < 52; n++)
        {
            await Seed.InteractionAsync(session.Server, account, $"Question {n:00}", age: TimeSpan.FromMinutes(n));
        }

        var oldest = await Seed.InteractionAsync(session.Server, account, "Waiting since the morning", age: TimeSpan.FromHours(5));
        await BrowserSession.OpenAsync(page, "/desktop");

        await Assertions.Expect(page.Locator("#list-count")).ToHaveTextAsync("1–50 of 53");
        await Assertions.Expect(page.Locator("#interactions li.row")).ToHaveCountAsync(50);
        await Assertions.Expect(page.Locator("#interactions li.row").First.Locator(".wait")).ToHaveTextAsync("waiting now");
        await page.ClickAsync("#page-next");
        await Assertions.Expect(page.Locator("#list-count")).ToHaveTextAsync("51–53 of 53");
        var last = page.Locator($"#interactions li[data-id='{oldest}'] .wait");
        await Assertions.Expect(last).ToHaveTextAsync("waiting 5 h");
        await Assertions.Expect(last).ToHaveClassAsync("wait long");

        await page.SelectOptionAsync("#list-order", "LongestWaiting");
        await Assertions.Expect(page.Locator("#list-count")).ToHaveTextAsync("1–50 of 53");
        await Assertions.Expect(page.Locator("#interactions li.row").First).ToHaveAttributeAsync("data-id", oldest.ToString(CultureInfo.InvariantCulture));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-list-waiting.png") });
    }

    [Fact]
    public async Task LinkInACustomerMail_OpensAnIsolatedTab_WhileTheFrameItselfCanNavigateNowhere()
    {
        using var sender = new LoopbackSite("text/html", "<!doctype html><title>Offer</title><p>Spring offer</p>"u8.ToArray());
        var (account, page) = await AgentOnItsOwnAccountAsync();
        var html = $"""
            <p>See <a href="{sender.Url}offer">our offer</a></p>
            <img alt="menu" width="120" height="40" usemap="#menu"><map name="menu"><area shape="rect" coords="0,0,120,40" href="{sender.Url}track"></map>
            """;
        var id = await Seed.InteractionAsync(session.Server, account, "Spring offer", html);
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        var frame = page.FrameLocator("iframe.html-body");
        await Assertions.Expect(frame.GetByText("our offer")).ToBeVisibleAsync();
        var desktopUrl = page.Url;

        var tab = await page.RunAndWaitForPopupAsync(() => frame.GetByText("our offer").ClickAsync());
        await tab.WaitForLoadStateAsync();
        Assert.Equal(sender.Url + "offer", tab.Url);
        Assert.True(await tab.EvaluateAsync<bool>("() => window.opener === null"));
        Assert.Equal(desktopUrl, page.Url);
        await tab.CloseAsync();

        // An image-map area is a link like any other: a new tab, never the frame.
        Assert.Equal("_blank", await frame.Locator("area").GetAttributeAsync("target"));
        Assert.Equal("noopener noreferrer", await frame.Locator("area").GetAttributeAsync("rel"));

        // Whatever slips through, the frame cannot be sent to the sender's server: our page's frame-src forbids it.
        var inner = page.Frames.Single(f => f != page.MainFrame);
        await inner.EvaluateAsync($"() => {{ window.location.href = '{sender.Url}navigated'; }}");
        await page.WaitForTimeoutAsync(1000);
        Assert.DoesNotContain("/navigated", sender.Paths);
        Assert.Equal(desktopUrl, page.Url);
        Assert.Contains("/offer", sender.Paths);
    }

    [Fact]
    public async Task Reply_ShowsWhoItGoesTo_QuotesTheOriginalOnRequest_AndSendAndCloseAsksForTheMandatoryDisposition()
    {
        var (account, page) = await AgentOnItsOwnAccountAsync(mandatoryDisposition: true);
        var admin = await session.Server.AdminClientAsync();
        var reason = await CreateAsync(admin, "/api/dispositions", new { name = "Answered", accountId = account });
        var id = await Seed.InteractionAsync(session.Server, account, "Where is my parcel?", text: "Where is my parcel?\nOrder 4711");
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        await page.ClickAsync("#reply");
        await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");

        await Assertions.Expect(page.Locator("#compose-recipients-to")).ToHaveTextAsync("customer@customer.test");
        await page.SelectOptionAsync("#compose-format", "Text");
        await page.FillAsync("#compose-body", "It left our warehouse today.");
        await page.CheckAsync("#compose-show-original");
        await Assertions.Expect(page.Locator("#compose-original")).ToContainTextAsync("Order 4711");

        await page.ClickAsync("#send-close");
        await Assertions.Expect(page.Locator("#send-close-disposition")).ToBeVisibleAsync();
        await page.ClickAsync("#send-close-confirm");
        await Assertions.Expect(page.Locator("#send-close-disposition .field-error")).ToContainTextAsync("Choose a disposition");
        await page.SelectOptionAsync("#compose-disposition", reason.ToString(CultureInfo.InvariantCulture));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-send-close-disposition.png") });
        await page.ClickAsync("#send-close-confirm");

        await Assertions.Expect(page.Locator("#work-status")).ToHaveTextAsync("Closed");
        await Assertions.Expect(page.Locator("#work-disposition")).ToHaveTextAsync("Answered");
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}");
        var sent = detail.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("direction").GetString() == "outgoing");
        var body = sent.GetProperty("textBody").GetString()!;
        Assert.StartsWith("It left our warehouse today.", body, StringComparison.Ordinal);
        Assert.Contains("customer@customer.test wrote:\n> Where is my parcel?\n> Order 4711", body, StringComparison.Ordinal);
        Assert.Contains("customer@customer.test", sent.GetProperty("to").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentWhoDoesNotOwnTheInteraction_IsToldWhyInsteadOfOfferedReplyButtons()
    {
        var (account, page) = await AgentOnItsOwnAccountAsync();
        var admin = await session.Server.AdminClientAsync();
        var (colleague, _) = await session.Server.CreateUserAsync(admin, email: $"owner{Guid.NewGuid():N}"[..15] + "@example.test");
        (await admin.PostAsync($"/api/accounts/{account}/members/{colleague}", null)).EnsureSuccessStatusCode();
        var id = await Seed.InteractionAsync(session.Server, account, "Hers to answer");
        (await admin.PostAsJsonAsync($"/api/interactions/{id}/assign", new { userId = colleague })).EnsureSuccessStatusCode();

        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");

        await Assertions.Expect(page.Locator("#answer-refused")).ToContainTextAsync("belongs to another agent");
        await Assertions.Expect(page.Locator("#reply")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Thread_ShowsNotesAndWhatHappened_InlineBetweenTheMessages_InTheOrderItHappened()
    {
        var (account, page) = await AgentOnItsOwnAccountAsync();
        var admin = await session.Server.AdminClientAsync();
        var (colleague, colleagueClient) = await session.Server.CreateUserAsync(admin, email: $"noter{Guid.NewGuid():N}"[..15] + "@example.test");
        (await admin.PostAsync($"/api/accounts/{account}/members/{colleague}", null)).EnsureSuccessStatusCode();
        var id = await Seed.InteractionAsync(session.Server, account, "Timeline question", age: TimeSpan.FromMinutes(3));
        (await colleagueClient.PostAsJsonAsync($"/api/interactions/{id}/notes", new { text = "Called the customer: parcel is lost." })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/interactions/{id}/assign", new { userId = colleague })).EnsureSuccessStatusCode();

        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");

        var note = page.Locator("#thread-pane .timeline-note");
        await Assertions.Expect(note).ToContainTextAsync("Called the customer: parcel is lost.");
        await Assertions.Expect(page.Locator("#thread-pane .timeline-event[data-event='assigned']")).ToBeVisibleAsync();
        var order = await page.Locator("#thread-pane article.message, #thread-pane .timeline-note, #thread-pane .timeline-event")
            .EvaluateAllAsync<string[]>("els => els.map(e => e.classList.contains('message') ? 'message' : e.classList.contains('timeline-note') ? 'note' : 'event')");
        Assert.Equal(["message", "note", "event"], order);
    }

    [Theory]
    [InlineData(800, 900)]
    [InlineData(390, 844)]
    public async Task OnANarrowScreen_TheDesktopShowsOnePane_AndTheThreadIsReadable(int width, int height)
    {
        var (account, page) = await AgentOnItsOwnAccountAsync();
        var id = await Seed.InteractionAsync(session.Server, account, "Small screen question", text: "Can I read this on my phone?");
        await page.SetViewportSizeAsync(width, height);
        await BrowserSession.OpenAsync(page, "/desktop");
        await Assertions.Expect(page.Locator("#list-pane")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#thread-pane")).ToBeHiddenAsync();

        await page.ClickAsync($"#interactions li[data-id='{id}']");
        await Assertions.Expect(page.Locator(".thread-title")).ToContainTextAsync("Small screen question");
        await Assertions.Expect(page.Locator("#list-pane")).ToBeHiddenAsync();
        var thread = await page.Locator("#thread-pane").BoundingBoxAsync();
        Assert.True(thread!.Width >= width * 0.8, $"the thread is {thread.Width} px wide on a {width} px screen");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways");
        await page.ClickAsync("#reply");
        await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
        var box = await page.Locator("#compose-body").BoundingBoxAsync();
        Assert.True(box!.Width >= width * 0.6, $"the message box is {box.Width} px wide on a {width} px screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, $"desktop-{width}px.png"), FullPage = true });

        await page.ClickAsync("#back-to-list");
        await Assertions.Expect(page.Locator("#list-pane")).ToBeVisibleAsync();
    }

    private async Task<(int Account, IPage Page)> AgentOnItsOwnAccountAsync(bool mandatoryDisposition = false)
    {
        var admin = await session.Server.AdminClientAsync();
        var (account, _) = await TestAccounts.CreateWithKeyAsync(admin, "RA", mandatoryDisposition: mandatoryDisposition);
        var (_, email) = await MemberAsync(session.Server, admin, account, "reader");
        return (account, await session.SignedInPageAsync(email, Password));
    }
}
