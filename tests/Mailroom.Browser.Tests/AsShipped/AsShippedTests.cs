using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Mailroom.Server.Demo;
using Mailroom.TestSupport;
using Microsoft.Playwright;
using MimeKit;

namespace Mailroom.Browser.Tests.AsShipped;

/// <summary>
/// Issue 14: what a user runs is what we test. Mailroom started by <c>./run.sh --demo</c> (published, Production),
/// used in Chromium by an agent, a supervisor and the administrator; and run.sh's own messages.
/// </summary>
[Collection(SharedMailboxes.Name)]
public sealed class AsShippedTests(ShippedDemo demo) : IClassFixture<ShippedDemo>
{
    private const string Customer = "customer@customer.test";
    private static readonly float MailPatience = (float)TimeSpan.FromSeconds(120).TotalMilliseconds;

    private static string Shot(string name) => Path.Combine(BrowserSession.ArtifactsDirectory, $"as-shipped-{name}.png");

    [Fact]
    public void Banner_NamesTheAddress_TheSignIn_AndTheData_WithoutLoggingSqlOrStackTraces()
    {
        var output = demo.Process.Output;

        Assert.Contains($"Open:      http://127.0.0.1:{demo.Port}", output, StringComparison.Ordinal);
        Assert.Contains("Sign in:   admin@mailroom.local   password:", output, StringComparison.Ordinal);
        Assert.Contains("Demo:      agents alice@example.test and bob@example.test", output, StringComparison.Ordinal);
        Assert.Contains($"Data:      {demo.DataDirectory}", output, StringComparison.Ordinal);
        Assert.Contains("building Mailroom", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n'), l => l.Contains("==== Mailroom is running ====", StringComparison.Ordinal));
        // Production reads its own appsettings.json: no SQL at Information level, no stack traces.
        Assert.DoesNotContain("Executed DbCommand", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(demo.DataDirectory, "mailroom.db")), "the database is in the data folder run.sh was given");
    }

    [Fact]
    public async Task EachMailbox_IsAnnouncedOnce_WhenItsWatcherStarts()
    {
        await WaitUntilAsync(() => demo.Process.Output.Contains("sales@example.test", StringComparison.Ordinal)
            && demo.Process.Output.Split('\n').Count(l => l.Contains("Watching the mailbox", StringComparison.Ordinal)) >= 2);

        var watching = demo.Process.Output.Split('\n').Where(l => l.Contains("Watching the mailbox", StringComparison.Ordinal)).ToList();
        Assert.Single(watching, l => l.Contains("support@example.test", StringComparison.Ordinal));
        Assert.Single(watching, l => l.Contains("sales@example.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondStart_OnTheSamePort_SaysSoInOneLine_AndExits()
    {
        var port = demo.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var other = Path.Combine(Path.GetTempPath(), "mailroom-busy-" + Guid.NewGuid().ToString("N"));
        await using (var script = RunSh.Start(other, new Dictionary<string, string>(), "--port", port))
        {
            Assert.Equal(1, await script.WaitForExitAsync(TimeSpan.FromMinutes(2)));
            var line = Assert.Single(script.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"port {port}", line, StringComparison.Ordinal);
            Assert.Contains("./run.sh --port", line, StringComparison.Ordinal);
        }

        // The published app started directly (a service manager, another folder) says the same, without a stack trace.
        await using var app = RunSh.StartPublished(other, "--urls", $"http://127.0.0.1:{port}");
        Assert.Equal(1, await app.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        var message = Assert.Single(app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"port {port} on 127.0.0.1 is already in use", message, StringComparison.Ordinal);
        Assert.Contains("--port", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetAdminPassword_PrintsANewPassword_ThatSignsIn_WhileTheOldOneNoLongerDoes()
    {
        var old = demo.AdminPassword;
        await using var reset = RunSh.Start(demo.DataDirectory, new Dictionary<string, string>(), "--reset-admin-password");
        Assert.Equal(0, await reset.WaitForExitAsync(TimeSpan.FromMinutes(5)));
        var fresh = reset.PrintedPassword("admin@mailroom.local");
        demo.AdminPassword = fresh;

        using var http = new HttpClient { BaseAddress = demo.Address };
        var withNew = await http.PostAsJsonAsync("/api/auth/token", new { email = "admin@mailroom.local", password = fresh });
        var withOld = await http.PostAsJsonAsync("/api/auth/token", new { email = "admin@mailroom.local", password = old });

        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.NotEqual(old, fresh);
    }

    [Fact]
    public async Task Demo_AsShipped_AgentAnswersAndCloses_SupervisorSeesItLive_AdministratorAddsAPresetAccount()
    {
        await using var supervisorBrowser = await demo.NewBrowserAsync();
        var board = await supervisorBrowser.SignInAsync("sue@example.test", DemoSeeder.AgentPassword);
        Assert.EndsWith("/supervisor", board.Url, StringComparison.Ordinal);
        var aliceOnBoard = board.Locator("section.board[aria-label='Account SUP'] tr", new() { HasText = "Alice Agent" });
        await Assertions.Expect(aliceOnBoard).ToContainTextAsync("Offline");

        // The agent lands on the desktop, goes online and gets a real customer mail offered.
        await using var agentBrowser = await demo.NewBrowserAsync();
        var desk = await agentBrowser.SignInAsync("alice@example.test", DemoSeeder.AgentPassword);
        Assert.EndsWith("/desktop", desk.Url, StringComparison.Ordinal);
        await desk.SelectOptionAsync("#presence", "Online");
        await Assertions.Expect(desk.Locator(".presence-dot.online")).ToBeVisibleAsync();
        await Assertions.Expect(aliceOnBoard).ToContainTextAsync("Online");
        var offer = desk.Locator("#offers li.offer").First;
        await Assertions.Expect(offer).ToBeVisibleAsync(new() { Timeout = MailPatience });
        var subject = (await offer.Locator(".offer-subject").InnerTextAsync()).Trim();
        await desk.ScreenshotAsync(new() { Path = Shot("offer") });
        await offer.Locator("button.accept").ClickAsync();
        await Assertions.Expect(desk.Locator(".thread-title")).ToContainTextAsync(subject);
        await Assertions.Expect(aliceOnBoard.Locator("td").Nth(2)).ToHaveTextAsync("1 / 5");

        // Reply with an attachment: it reaches the customer's real mailbox.
        await desk.ClickAsync("#reply");
        await Assertions.Expect(desk.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
        await desk.Locator("#compose-body").FillAsync("Thank you, the label for the return is attached.");
        var label = RandomNumberGenerator.GetBytes(50_000);
        await desk.SetInputFilesAsync("#compose-files", new FilePayload { Name = "return-label.pdf", MimeType = "application/pdf", Buffer = label });
        await Assertions.Expect(desk.Locator("#compose-attachments li", new() { HasText = "return-label.pdf" })).ToBeVisibleAsync();
        await desk.ClickAsync("#send");
        await Assertions.Expect(desk.Locator("article.message.out")).Not.ToHaveCountAsync(0);
        // The demo's customers may also have had an automatic answer: the agent's reply is the one with its words.
        var delivered = await LocalMail.WaitForAsync(Customer, subject.Replace("Re: ", "", StringComparison.Ordinal), TimeSpan.FromMilliseconds(MailPatience),
            from: "example.test", bodyContains: "label for the return");
        var attachment = delivered.Attachments.OfType<MimePart>().Single(a => a.FileName == "return-label.pdf");
        using (var bytes = new MemoryStream())
        {
            await attachment.Content!.DecodeToAsync(bytes);
            Assert.Equal(label, bytes.ToArray());
        }

        // Close with a three-level disposition the demo seeded; the supervisor's board follows without a reload.
        await desk.ClickAsync("#close-interaction");
        await desk.SelectOptionAsync("#disposition", new SelectOptionValue { Label = "Resolved / Question / Answered" });
        await desk.ClickAsync("#confirm-close-dispose");
        await Assertions.Expect(desk.Locator("#work-disposition")).ToHaveTextAsync("Answered");
        await Assertions.Expect(aliceOnBoard.Locator("td").Nth(2)).ToHaveTextAsync("0 / 5");
        await desk.ScreenshotAsync(new() { Path = Shot("closed"), FullPage = true });
        await board.ScreenshotAsync(new() { Path = Shot("board"), FullPage = true });

        // The administrator lands on the set-up checklist and adds a Gmail account from its preset.
        await using var adminBrowser = await demo.NewBrowserAsync();
        var home = await adminBrowser.SignInAsync("admin@mailroom.local", demo.AdminPassword);
        await Assertions.Expect(home.Locator("#setup-checklist li")).ToHaveCountAsync(5);
        await Assertions.Expect(home.Locator("#setup-checklist li[data-done='false']")).ToHaveCountAsync(0);
        await home.ScreenshotAsync(new() { Path = Shot("checklist"), FullPage = true });
        await home.ClickAsync("nav >> text=Email accounts");
        await home.ClickAsync("#new-account");
        await home.FillAsync("#acc-name", "Gmail help");
        await home.FillAsync("#acc-key", "GML");
        await home.FillAsync("#acc-address", "help@gmail-customer.test");
        await home.SelectOptionAsync("#acc-service", "Gmail");
        await Assertions.Expect(home.Locator("#acc-imap-host")).ToHaveValueAsync("imap.gmail.com");
        await Assertions.Expect(home.Locator("#acc-smtp-port")).ToHaveValueAsync("465");
        // Inactive: nothing may leave this machine, so no watcher may try Google.
        await home.UncheckAsync("#acc-active");
        await home.FillAsync("#acc-imap-password", "app-password-1");
        await home.FillAsync("#acc-smtp-password", "app-password-1");
        await home.ClickAsync("#save-account");
        await Assertions.Expect(home.Locator("#accounts tr", new() { HasText = "help@gmail-customer.test" })).ToBeVisibleAsync();
        await home.ScreenshotAsync(new() { Path = Shot("accounts"), FullPage = true });

        // The API reference an integrator is pointed to works in Production too, from Mailroom's own files.
        var document = home.WaitForResponseAsync(r => r.Url.EndsWith("/openapi/v1.json", StringComparison.Ordinal) && r.Ok);
        await home.GotoAsync("/api/docs");
        await document;
        await Assertions.Expect(home.GetByText("/api/accounts").First).ToBeAttachedAsync();
        await home.ScreenshotAsync(new() { Path = Shot("api-docs") });

        var problems = supervisorBrowser.Problems.Concat(agentBrowser.Problems).Concat(adminBrowser.Problems).ToList();
        Assert.True(problems.Count == 0, "The browser reported:\n" + string.Join('\n', problems));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "gave up waiting");
            await Task.Delay(250);
        }
    }
}
