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

    private readonly BrowserSession _session;

    public DesktopTests(BrowserSession session) => _session = session;

    [Fact]
    public async Task HostileEmail_IsShownWithNoScriptRun_AndNoRemoteRequest()
    {
        var admin = await _session.Server.AdminClientAsync();
        var account = await CreateAccountAsync(admin, "HOST");
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
        Assert.Equal("", await page.Locator("iframe.html-body").GetAttributeAsync("sandbox"));
        Assert.Equal(0, await frame.Locator("script, svg").CountAsync());
        Assert.Equal(0, await frame.Locator("img[src*='tracker']").CountAsync());
        Assert.Equal(1, await frame.Locator("img[data-blocked-src*='tracker']").CountAsync());
    }

    [Fact]
    public async Task AccountTransfer_RemovesTheInteractionFromAnotherAgentsListLive()
    {
        var admin = await _session.Server.AdminClientAsync();
        var from = await CreateAccountAsync(admin, "LIVA", transferEnabled: true);
        var to = await CreateAccountAsync(admin, "LIVB");
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

    internal static async Task<int> CreateAccountAsync(HttpClient admin, string prefix, bool transferEnabled = false)
    {
        var key = prefix[..3] + Guid.NewGuid().ToString("N")[..2].ToUpperInvariant();
        var response = await admin.PostAsJsonAsync("/api/accounts", new
        {
            name = key,
            key,
            address = $"{key.ToLowerInvariant()}@example.test",
            active = true,
            imap = new { host = "127.0.0.1", port = 1 },
            smtp = new { host = "127.0.0.1", port = 1 },
            transfer = new { accountTransferEnabled = transferEnabled },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}
