using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests;

/// <summary>Headless Debian Chromium driven by Playwright against a Mailroom on a real loopback port.</summary>
public class BrowserSession : IAsyncLifetime
{
    public BrowserSession()
        : this([])
    {
    }

    /// <summary>A session whose server also gets <paramref name="settings"/>.</summary>
    protected BrowserSession(IEnumerable<KeyValuePair<string, string?>> settings) =>
        // The tests serve "remote" images on 127.0.0.1, which the image proxy refuses by default (SSRF guard).
        Server = new(realSocket: true, settings: new Dictionary<string, string?>(settings) { ["Mailroom:Media:AllowPrivateNetworks"] = "true" });

    public MailroomApp Server { get; }

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(Playwright);
    }

    /// <summary>Headless Debian Chromium with every background connection off: nothing may leave the machine.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        // CI machines have two cores shared with builds; Playwright's 5 s default is too tight for a page under load.
        Assertions.SetDefaultExpectTimeout(20_000);
        return playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = TestEnvironment.ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium tries to reach Google; nothing may leave the machine.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> SignedInPageAsync(string email, string password)
    {
        var page = await Browser.NewPageAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 900 } });
        // Same reason as the expect timeout: a first page load on a loaded two-core machine can pass 30 s.
        page.SetDefaultTimeout(60_000);
        await SignInOnTheFormAsync(page, email, password);
        return page;
    }

    /// <summary>Signs in through the real sign-in form; returns once the redirect away from /login is committed.</summary>
    public static async Task SignInOnTheFormAsync(IPage page, string email, string password)
    {
        // The page's scripts settled first: a form filled while blazor.web.js still starts has been seen to submit
        // nothing under load (the sign-in then waited out its whole timeout on /login).
        await page.GotoAsync("/login", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        // Signed in once the redirect away from /login is committed; the next page's own load is the caller's wait.
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal) || url.Contains("failed=1", StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit });
        Assert.False(page.Url.Contains("failed=1", StringComparison.Ordinal), $"Mailroom refused the sign-in of {email}.");
    }

    /// <summary>Navigates and waits until the page is interactive (the server circuit is connected).</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("#ui-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// A sparse file on disk, for over-the-limit uploads: Playwright hands the browser its path instead of
    /// streaming megabytes over its protocol.
    /// </summary>
    public static async Task<string> SparseFileAsync(string name, long length)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sparse-{Guid.NewGuid():N}", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = File.Create(path);
        file.SetLength(length);
        return path;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        Server.Dispose();
    }
}
