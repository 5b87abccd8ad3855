using System.Globalization;
using System.Net.Http.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Supervisor;

/// <summary>
/// Issue 19: the live board says how long customers wait, per queue, and the supervisor acts from it — gives the
/// longest-waiting customer to an agent, transfers one to another account, takes over an agent's interaction,
/// pauses an agent with one of the listed reasons — as a supervisor, not the administrator.
/// </summary>
public sealed class BoardActionsTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Board_ShowsTheOldestWaitPerQueue_AssignsTheLongestWaiting_AndPausesAnAgentWithAListedReason()
    {
        var admin = await session.Server.AdminClientAsync();
        (await admin.PutAsJsonAsync("/api/settings/desktop", new { searchOnEnterOnly = false, pauseReasons = new[] { "Lunch", "Training" } }))
            .EnsureSuccessStatusCode();
        var (account, key) = await TestAccounts.CreateWithKeyAsync(admin, "BA", active: true);
        var (agentId, agentEmail) = await MemberAsync(session.Server, admin, account, "dana");
        var (_, supervisorEmail) = await MemberAsync(session.Server, admin, account, "sup", "supervisor");

        var queueName = "Board desk " + key;
        await CreateAsync(admin, "/api/queues", new { name = queueName, members = new[] { new { userId = agentId } }, accountIds = new[] { account } });
        var oldest = await Seed.InteractionAsync(session.Server, account, "Waiting since breakfast", age: TimeSpan.FromMinutes(40));
        await Seed.InteractionAsync(session.Server, account, "Just arrived", age: TimeSpan.FromMinutes(5));

        var supervisor = await session.SignedInPageAsync(supervisorEmail, Password);
        await BrowserSession.OpenAsync(supervisor, "/supervisor");
        var board = supervisor.Locator($"section.board[data-account='{account}']");
        await Assertions.Expect(board.Locator("strong.oldest")).ToHaveTextAsync("40 min");
        var queue = board.Locator($"table.queues tr[data-queue='{queueName}']");
        await Assertions.Expect(queue.Locator(".queue-waiting")).ToHaveTextAsync("2");
        await Assertions.Expect(queue.Locator(".queue-oldest")).ToHaveTextAsync("40 min");
        var longest = board.Locator("li.waiting-row").First;
        await Assertions.Expect(longest).ToHaveAttributeAsync("data-interaction", oldest.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(longest).ToContainTextAsync("waiting 40 min");
        await Assertions.Expect(longest.Locator(".wait-reason")).ToHaveTextAsync("· no agent of its queues is online");
        await supervisor.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "supervisor-board-waits.png"), FullPage = true });

        var agent = await session.SignedInPageAsync(agentEmail, Password);
        await BrowserSession.OpenAsync(agent, "/desktop");
        await longest.GetByLabel($"Assign #{oldest} to").SelectOptionAsync(agentId.ToString(CultureInfo.InvariantCulture));
        await longest.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Assertions.Expect(board.Locator("li.waiting-row")).ToHaveCountAsync(1);
        var agentRow = board.Locator($"tr[data-agent='{agentId}']");
        await Assertions.Expect(agentRow.Locator("td").Nth(2)).ToHaveTextAsync("1 / 5");
        await Assertions.Expect(agent.Locator($"#interactions li[data-id='{oldest}'] .agent")).ToBeVisibleAsync();

        await agentRow.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await agentRow.Locator("select").SelectOptionAsync("Lunch");
        await agentRow.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        await Assertions.Expect(agentRow.Locator(".presence-words")).ToHaveTextAsync("Paused (Lunch)");
        await Assertions.Expect(agentRow.Locator(".in-state")).ToHaveTextAsync("for now");
        Assert.True(await agentRow.Locator(".presence-dot").BoundingBoxAsync() is { Width: > 5 }, "the presence dot is visible");
        await Assertions.Expect(agent.Locator("#presence-reason")).ToHaveTextAsync("Paused: Lunch");

        // The agent picks from the same list.
        await agent.SelectOptionAsync("#presence", "Online");
        await Assertions.Expect(agentRow.Locator(".presence-words")).ToHaveTextAsync("Online");
        await agent.SelectOptionAsync("#presence", "Paused");
        await agent.Locator("select#pause-reason").SelectOptionAsync("Training");
        await agent.ClickAsync("#pause");
        await Assertions.Expect(agentRow.Locator(".presence-words")).ToHaveTextAsync("Paused (Training)");
    }

    [Fact]
    public async Task Board_TransfersAWaitingCustomerToAnotherAccount_WhereItCountsAsUnassigned()
    {
        var admin = await session.Server.AdminClientAsync();
        var from = await TestAccounts.CreateAsync(admin, "BT", active: true, transferEnabled: true);
        var (to, _) = await TestAccounts.CreateWithKeyAsync(admin, "BU", active: true);
        var (agentId, _) = await MemberAsync(session.Server, admin, from, "erin");
        var (supervisorId, supervisorEmail) = await MemberAsync(session.Server, admin, from, "sup", "supervisor");
        (await admin.PostAsync($"/api/accounts/{to}/members/{supervisorId}", null)).EnsureSuccessStatusCode();
        await CreateAsync(admin, "/api/queues", new { name = "Wrong desk " + Guid.NewGuid().ToString("N")[..6], members = new[] { new { userId = agentId } }, accountIds = new[] { from } });
        var waiting = await Seed.InteractionAsync(session.Server, from, "Meant for the other team", age: TimeSpan.FromMinutes(12));

        var supervisor = await session.SignedInPageAsync(supervisorEmail, Password);
        await BrowserSession.OpenAsync(supervisor, "/supervisor");
        var fromBoard = supervisor.Locator($"section.board[data-account='{from}']");
        var row = fromBoard.Locator($"li.waiting-row[data-interaction='{waiting}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Transfer…" }).ClickAsync();
        await row.Locator("#transfer-account").SelectOptionAsync(to.ToString(CultureInfo.InvariantCulture));
        await row.Locator("#transfer").ClickAsync();

        await Assertions.Expect(fromBoard.Locator("li.waiting-row")).ToHaveCountAsync(0);
        await Assertions.Expect(fromBoard.Locator("strong.open")).ToHaveTextAsync("0");
        await Assertions.Expect(supervisor.Locator($"section.board[data-account='{to}'] strong.unassigned")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Board_ShowsAnAgentsWork_AndTheSupervisorTakesOneOver()
    {
        var admin = await session.Server.AdminClientAsync();
        var (account, _) = await TestAccounts.CreateWithKeyAsync(admin, "BW", active: true);
        var (agentId, _) = await MemberAsync(session.Server, admin, account, "fay");
        var (supervisorId, supervisorEmail) = await MemberAsync(session.Server, admin, account, "sup", "supervisor");
        var busy = await Seed.InteractionAsync(session.Server, account, "Needs a senior answer");
        (await admin.PostAsJsonAsync($"/api/interactions/{busy}/assign", new { userId = agentId })).EnsureSuccessStatusCode();

        var supervisor = await session.SignedInPageAsync(supervisorEmail, Password);
        await BrowserSession.OpenAsync(supervisor, "/supervisor");
        var board = supervisor.Locator($"section.board[data-account='{account}']");
        var agentRow = board.Locator($"tr[data-agent='{agentId}']");
        await Assertions.Expect(agentRow.Locator("td").Nth(2)).ToHaveTextAsync("1 / 5");
        await agentRow.GetByRole(AriaRole.Button, new() { Name = "Work of" }).ClickAsync();
        var work = board.Locator($"tr[data-agent-work='{agentId}'] li.work-row[data-interaction='{busy}']");
        await Assertions.Expect(work).ToContainTextAsync("Needs a senior answer");
        await work.GetByRole(AriaRole.Button, new() { Name = "Take it" }).ClickAsync();

        await Assertions.Expect(agentRow.Locator("td").Nth(2)).ToHaveTextAsync("0 / 5");
        await Assertions.Expect(board.Locator($"tr[data-agent='{supervisorId}'] td").Nth(2)).ToHaveTextAsync("1 / 5");
        await Assertions.Expect(board.Locator($"tr[data-agent-work='{agentId}'] li.work-row")).ToHaveCountAsync(0);
        var detail = await admin.GetStringAsync($"/api/interactions/{busy}");
        Assert.Contains("taken over", detail, StringComparison.Ordinal);
    }
}
