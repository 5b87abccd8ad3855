using System.Net.Http.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Supervisor;

/// <summary>
/// A first-response target of an hour: the supervisor's board says how today's service level stands (met, at risk,
/// breached) and follows the agent's reply live; the agent sees the clock on the interaction and in the list; the
/// reports show the day's service level.
/// </summary>
public sealed class ServiceLevelBoardTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Board_BreachedAndAtRisk_ShowLive_AndTheAgentSeesTheClock()
    {
        var admin = await session.Server.AdminClientAsync();
        var (account, key) = await TestAccounts.CreateWithKeyAsync(admin, "SL", active: true);
        var (agentId, agentEmail) = await MemberAsync(session.Server, admin, account, "sven");
        var (_, supervisorEmail) = await MemberAsync(session.Server, admin, account, "sup", "supervisor");
        await CreateAsync(admin, "/api/sla-policies", new { name = "Answer within the hour", accountId = account, firstResponseMinutes = 60, atRiskPercent = 50 });
        var breached = await Seed.InteractionAsync(session.Server, account, "Still no parcel", age: TimeSpan.FromHours(2));
        await Seed.InteractionAsync(session.Server, account, "Wrong size", age: TimeSpan.FromMinutes(40));

        var supervisor = await session.SignedInPageAsync(supervisorEmail, Password);
        await BrowserSession.OpenAsync(supervisor, "/supervisor");
        var board = supervisor.Locator($"section.board[data-account='{account}']");
        await Assertions.Expect(board.Locator(".sl-breached")).ToHaveTextAsync("1");
        await Assertions.Expect(board.Locator(".sl-at-risk")).ToHaveTextAsync("1");
        await Assertions.Expect(board.Locator(".sl-today")).ToHaveTextAsync("0 %");
        await supervisor.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "supervisor-service-level.png"), FullPage = true });

        (await admin.PostAsJsonAsync($"/api/interactions/{breached}/assign", new { userId = agentId })).EnsureSuccessStatusCode();
        var agent = await session.SignedInPageAsync(agentEmail, Password);
        await BrowserSession.OpenAsync(agent, "/desktop");
        await Assertions.Expect(agent.Locator($"#interactions li[data-id='{breached}'] .sla.breached")).ToContainTextAsync("service level breached");
        await agent.ClickAsync($"#interactions li[data-id='{breached}']");
        await Assertions.Expect(agent.Locator("#sla-clocks li[data-clock='FirstResponse']")).ToContainTextAsync("breached");
        await Assertions.Expect(agent.Locator("#sla-clocks li[data-clock='FirstResponse']")).ToContainTextAsync("target 1 h");

        await agent.ClickAsync("#reply");
        await Assertions.Expect(agent.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
        await agent.Locator("#compose-body").FillAsync("Your parcel left today.");
        await agent.ClickAsync("#send");
        await Assertions.Expect(agent.Locator("#sla-clocks li[data-clock='FirstResponse']")).ToContainTextAsync("met late");
        await Assertions.Expect(board.Locator(".sl-breached")).ToHaveTextAsync("0");
        await Assertions.Expect(board.Locator(".sl-today")).ToHaveTextAsync("0 %");
        await Assertions.Expect(board.Locator(".counters.service-level > div").First).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^0 of 1 targets met in time"));

        // The same day in the reports: the target missed, the reply that came late, the one still open.
        await BrowserSession.OpenAsync(supervisor, "/supervisor/reports");
        var row = supervisor.Locator($"#service-level-table tr[data-account='{key}']");
        await Assertions.Expect(row.Locator(".sl-target[data-kind='FirstResponse']")).ToHaveTextAsync("0 % (0 / 1)");
        await Assertions.Expect(supervisor.Locator("#service-level-csv")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/api/reports/service-levels.csv"));
        await supervisor.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "reports-service-level.png"), FullPage = true });
    }
}
