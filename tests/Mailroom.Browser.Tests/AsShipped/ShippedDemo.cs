using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.AsShipped;

/// <summary>
/// <c>./run.sh --demo</c> exactly as the README gives it, on the test's Dovecot and Postfix (the only difference
/// from a newcomer's machine: <c>MAILROOM_DEMO_MAIL_STATE</c> names the mail servers ./test.sh already runs), plus
/// a headless Chromium to use it with.
/// </summary>
public sealed class ShippedDemo : IAsyncLifetime
{
    // The first publish on a loaded two-core machine restores and compiles everything.
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(10);

    public static readonly string[] DemoMailboxes = ["support@example.test", "sales@example.test", "customer@customer.test"];

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "mailroom-shipped-" + Guid.NewGuid().ToString("N"));

    public int Port { get; } = RunSh.FreePort();

    public RunSh Process { get; private set; } = default!;

    public Uri Address { get; private set; } = default!;

    /// <summary>The first administrator's password: the banner's, until a test resets it.</summary>
    public string AdminPassword { get; set; } = "";

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // A fresh demo reads its mailboxes from the start: only its own traffic should be there.
        foreach (var mailbox in DemoMailboxes)
        {
            await LocalMail.ControlAsync("reset", mailbox);
        }

        Process = RunSh.Start(DataDirectory, new Dictionary<string, string> { ["MAILROOM_DEMO_MAIL_STATE"] = TestEnvironment.MailState },
            "--demo", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Address = await Process.WaitForBannerAsync(StartPatience);
        AdminPassword = Process.PrintedPassword("admin@mailroom.local");

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await BrowserSession.LaunchChromiumAsync(Playwright);
    }

    /// <summary>A new browser (own cookies) whose every page reports console errors and failed scripts or styles.</summary>
    public async Task<WatchedBrowser> NewBrowserAsync(int width = 1440, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Address.ToString(), ViewportSize = new() { Width = width, Height = height } });
        return new WatchedBrowser(context);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
            Playwright.Dispose();
        }

        await Process.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying process: the temp folder is cleaned with the machine.
        }
    }
}

/// <summary>One person's browser: its pages, and every problem the browser itself reported on them.</summary>
public sealed class WatchedBrowser(IBrowserContext context) : IAsyncDisposable
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return _problems.ToList();
            }
        }
    }

    public async Task<IPage> NewPageAsync()
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Report($"console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Report($"script error on {page.Url}: {error}");
        page.Response += (_, response) =>
        {
            // 304 is the browser revalidating a copy it was served with 200 on an earlier page.
            if (response.Request.ResourceType is "script" or "stylesheet" && response.Status is not (200 or 304))
            {
                Report($"{response.Request.ResourceType} {response.Url} answered {response.Status}");
            }
        };
        return page;
    }

    /// <summary>Signs in on the real sign-in form and returns the page Mailroom lands on.</summary>
    public async Task<IPage> SignInAsync(string email, string password)
    {
        var page = await NewPageAsync();
        await BrowserSession.SignInOnTheFormAsync(page, email, password);
        await page.Locator("#ui-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();

    private void Report(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
