using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Desktop;

public sealed class DesktopTests : IClassFixture<BrowserSession>
{
    private const string HostileHtml = """
        <p id="greeting">Hello from a hostile sender</p>
        <script>console.log('PWNED-script')</script>
        <img src="x" onerror="console.log('PWNED-onerror')">
        <svg onload="console.log('PWNED-svg')"><circle r="5"/></svg>
        <a id="jslink" href="javascript:console.log('PWNED-link')">click me</a>
        <div style="width: expression(alert('PWNED-css'))">styled</div>
        <img id="pixel" src="http://tracker.invalid/pixel.gif?user=42" width="1" height="1">
        """;

    // The smallest valid PNG: one transparent pixel.
    private static readonly byte[] Pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private readonly BrowserSession _session;

    public DesktopTests(BrowserSession session) => _session = session;

    [Fact]
    public async Task HostileEmail_IsShownWithNoScriptRun_AndNoRemoteRequest()
    {
        var admin = await _session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "HOS");
        var id = await Seed.InteractionAsync(_session.Server, account, "Hostile " + Guid.NewGuid().ToString("N")[..6], HostileHtml);
        var page = await _session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        var console = new List<string>();
        var offHost = new List<string>();
        page.Console += (_, m) => console.Add(m.Text);
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(_session.Server.BaseAddress.ToString(), StringComparison.Ordinal) && !r.Url.StartsWith("about:", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                offHost.Add(r.Url);
            }
        };

        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        var frame = page.FrameLocator("iframe.html-body");
        await Assertions.Expect(frame.GetByText("Hello from a hostile sender")).ToBeVisibleAsync();
        await frame.GetByText("click me").ClickAsync(new() { Force = true });
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-hostile-mail.png"), FullPage = true });

        Assert.DoesNotContain(console, c => c.Contains("PWNED", StringComparison.Ordinal));
        Assert.Empty(offHost);
        Assert.Equal("allow-popups allow-popups-to-escape-sandbox", await page.Locator("iframe.html-body").GetAttributeAsync("sandbox"));
        Assert.Equal(0, await frame.Locator("script, svg").CountAsync());
        Assert.Equal(0, await frame.Locator("img[src*='tracker']").CountAsync());
        Assert.Equal(1, await frame.Locator("img[data-blocked-src*='tracker']").CountAsync());
    }

    [Fact]
    public async Task RemoteImages_LoadOnlyAfterShowImages_AndOnlyThroughMailroom()
    {
        using var imageHost = new LoopbackSite("image/png", Pixel);
        var admin = await _session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "IMG");
        var html = $"""<p>Our new catalogue</p><img alt="banner" src="{imageHost.Url}banner.png">""";
        var id = await Seed.InteractionAsync(_session.Server, account, "Catalogue " + Guid.NewGuid().ToString("N")[..6], html);
        var page = await _session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        var offHost = new List<string>();
        page.Request += (_, r) =>
        {
            if (r.Url.StartsWith(imageHost.Url, StringComparison.Ordinal))
            {
                offHost.Add(r.Url);
            }
        };
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        var frame = page.FrameLocator("iframe.html-body");
        await Assertions.Expect(frame.GetByText("Our new catalogue")).ToBeVisibleAsync();
        Assert.Equal(0, imageHost.Hits);

        await page.ClickAsync("button.show-images");

        await Assertions.Expect(frame.Locator("img[alt=banner]")).ToHaveJSPropertyAsync("naturalWidth", 1);
        Assert.Equal(1, imageHost.Hits);
        Assert.Empty(offHost);
        Assert.StartsWith(_session.Server.BaseAddress + "media/", await frame.Locator("img[alt=banner]").GetAttributeAsync("src"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountTransfer_RemovesTheInteractionFromAnotherAgentsListLive()
    {
        var admin = await _session.Server.AdminClientAsync();
        var from = await TestAccounts.CreateAsync(admin, "LIV", active: true, transferEnabled: true);
        var to = await TestAccounts.CreateAsync(admin, "LIV", active: true);
        var (agentId, _) = await _session.Server.CreateUserAsync(admin, email: $"watcher{Guid.NewGuid():N}"[..16] + "@example.test");
        (await admin.PostAsync($"/api/accounts/{from}/members/{agentId}", null)).EnsureSuccessStatusCode();
        var subject = "Moving " + Guid.NewGuid().ToString("N")[..6];
        var id = await Seed.InteractionAsync(_session.Server, from, subject);
        var me = await admin.GetFromJsonAsync<JsonElement>($"/api/users/{agentId}");
        var watcher = await _session.SignedInPageAsync(me.GetProperty("email").GetString()!, "agent-password-1");
        await BrowserSession.OpenAsync(watcher, "/desktop");
        var row = watcher.Locator($"#interactions li[data-id='{id}']");
        await Assertions.Expect(row).ToBeVisibleAsync();

        var supervisorPage = await _session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(supervisorPage, "/desktop");
        await supervisorPage.ClickAsync($"#interactions li[data-id='{id}']");
        await supervisorPage.SelectOptionAsync("#transfer-account", to.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await supervisorPage.ClickAsync("#transfer");

        // No reload: the watcher's page drops the row by itself.
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await watcher.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-after-transfer.png"), FullPage = true });
    }
}
