using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>
/// Issue 19's measured figures, taken in Chromium against the real Postfix: accept → thread readable, Send →
/// "Sent", a list of 10,000 open interactions, and the desktop's first-load size. The times are written to
/// <c>artifacts/screenshots/desktop-timings.md</c> with the load average, never asserted (a loaded two-core
/// machine is no stopwatch); what is asserted is that each step works and the first load stays under 1 MB.
/// <c>docs/BENCHMARKS.md</c> has the figures of a longer run.
/// </summary>
public sealed class DesktopTimingsTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    // A few rounds in CI prove the loop works; MAILROOM_DESKTOP_TIMING_ROUNDS=30 gives figures worth a p95.
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("MAILROOM_DESKTOP_TIMING_ROUNDS"), out var n) && n > 0 ? n : 5;
    private const int ListSize = 10_000;
    private const string Mailbox = "sink@example.test";

    // The replies go to a real mailbox; only their Sent state is looked at, so sharing it disturbs no test.
    private const string Customer = "customer2@customer.test";

    [Fact]
    public async Task CoreLoop_IsTimedInTheBrowser_AndTheFirstLoadStaysUnderOneMegabyte()
    {
        var admin = await session.Server.AdminClientAsync();
        var key = "TM" + Guid.NewGuid().ToString("N")[..3].ToUpperInvariant();
        var body = LocalMail.AccountBody(Mailbox, key, active: false);
        var account = await CreateAsync(admin, "/api/accounts", body);
        var (agentId, email) = await MemberAsync(session.Server, admin, account, "timer");
        await CreateAsync(admin, "/api/queues", new
        {
            name = "Timing " + key,
            strategy = "ringAll",
            agentTimeoutSeconds = 300,
            members = new[] { new { userId = agentId } },
            accountIds = new[] { account },
        });
        // Every round's interaction stays open: room for all of them, so the last offer is not held back by capacity.
        using (var scope = session.Server.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<MailroomDb>().Users.Where(u => u.Id == agentId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailCapacity, Rounds + 5));
        }

        var page = await session.SignedInPageAsync(email, Password);
        var firstLoad = await FirstLoadBytesAsync(page);
        Assert.True(firstLoad < 1_000_000, $"the desktop's first load transferred {firstLoad:N0} bytes");
        await page.SelectOptionAsync("#presence", "Online");
        await Assertions.Expect(page.Locator(".presence-dot.online")).ToBeVisibleAsync();

        var accept = new List<double>();
        var sent = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var subject = $"Timed question {round} {key}";
            await Seed.InteractionAsync(session.Server, account, subject, text: "How long does this take?", from: Customer);
            var offer = page.Locator("#offers li.offer", new() { HasText = subject });
            await Assertions.Expect(offer).ToBeVisibleAsync();

            // Forced: Playwright would otherwise wait for the offer's shake to end, which an agent does not.
            var watch = Stopwatch.StartNew();
            await offer.Locator("button.accept").ClickAsync(new() { Force = true });
            await Assertions.Expect(page.Locator(".thread-title")).ToContainTextAsync(subject);
            await Assertions.Expect(page.Locator("article.message", new() { HasText = "How long does this take?" })).ToBeVisibleAsync();
            accept.Add(watch.Elapsed.TotalMilliseconds);

            await page.ClickAsync("#reply");
            await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
            await page.Locator("#compose-body").FillAsync($"Answer {round}.");
            watch.Restart();
            await page.ClickAsync("#send");
            await Assertions.Expect(page.Locator("article.message.out p.delivery.sent")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            sent.Add(watch.Elapsed.TotalMilliseconds);
        }

        var (listOpen, nextPage, longTasks) = await LongListAsync(page, account);
        await File.WriteAllTextAsync(Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-timings.md"), Report(accept, sent, listOpen, nextPage, longTasks, firstLoad));
    }

    // A fresh context has an empty cache: every byte the browser fetched for the page, scripts and styles.
    private static async Task<long> FirstLoadBytesAsync(IPage page)
    {
        await BrowserSession.OpenAsync(page, "/desktop");
        return await page.EvaluateAsync<long>("""
            () => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0)
            """);
    }

    private async Task<(double Open, double NextPage, int LongTasks)> LongListAsync(IPage page, int account)
    {
        using (var scope = session.Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            db.Interactions.AddRange(Enumerable.Range(0, ListSize).Select(n => new Interaction
            {
                AccountId = account,
                Subject = $"Backlog {n}",
                CreatedAt = now.AddSeconds(-n),
                LastActivityAt = now.AddSeconds(-n),
                LastMessageAt = now.AddSeconds(-n),
                LastMessageDirection = MessageDirection.Incoming,
                LastMessagePreview = "An old question",
                UnreadCount = 1,
            }));
            await db.SaveChangesAsync();
        }

        await page.AddInitScriptAsync("""
            window.__longTasks = 0;
            new PerformanceObserver(list => { window.__longTasks += list.getEntries().filter(e => e.duration > 200).length; }).observe({ type: 'longtask', buffered: true });
            """);
        var watch = Stopwatch.StartNew();
        await BrowserSession.OpenAsync(page, "/desktop");
        await Assertions.Expect(page.Locator("#list-count")).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"of {ListSize + Rounds}"));
        var open = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        await page.ClickAsync("#page-next");
        await Assertions.Expect(page.Locator("#list-count")).ToContainTextAsync("51–100");
        var next = watch.Elapsed.TotalMilliseconds;
        await page.Mouse.WheelAsync(0, 5000);
        return (open, next, await page.EvaluateAsync<int>("() => window.__longTasks"));
    }

    private static string Report(List<double> accept, List<double> sent, double listOpen, double nextPage, int longTasks, long firstLoad)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"# Desktop timings (load average {load})\n\n");
        text.AppendLine("| step | rounds | p50 ms | p95 ms | max ms |").AppendLine("|---|---|---|---|---|");
        text.AppendLine(Row("accept → thread readable", accept)).AppendLine(Row("Send → \"Sent\" (real Postfix)", sent));
        text.AppendLine(CultureInfo.InvariantCulture, $"\nList of {ListSize:N0} open interactions: opened in {listOpen:F0} ms (page load included), next page in {nextPage:F0} ms, {longTasks} main-thread tasks over 200 ms.");
        text.AppendLine(CultureInfo.InvariantCulture, $"First load of /desktop: {firstLoad:N0} bytes.");
        return text.ToString();
    }

    private static string Row(string step, List<double> ms)
    {
        var sorted = ms.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"| {step} | {sorted.Count} | {At(0.5):F0} | {At(0.95):F0} | {sorted[^1]:F0} |");
    }
}
