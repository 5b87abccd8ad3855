using System.Globalization;
using System.Net.Http.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Admin;

/// <summary>
/// Issue 21, skills: the administrator defines a skill, gives an agent a level in it and makes an account's plan need a
/// higher level, all by clicking; the supervisor's board then says that nobody holds it, and the desktop of the agent it is
/// given to by hand says what the interaction needs.
/// </summary>
public sealed class SkillRoutingEditorTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Admin_GivesAnAgentASkillAndThePlanNeedsMore_TheBoardSaysNobodyHasIt()
    {
        var admin = await session.Server.AdminClientAsync();
        var (account, _) = await TestAccounts.CreateWithKeyAsync(admin, "SK", active: true);
        var (agentId, agentEmail) = await MemberAsync(session.Server, admin, account, "sofia");
        var (_, supervisorEmail) = await MemberAsync(session.Server, admin, account, "sup", "supervisor");
        await CreateAsync(admin, "/api/queues", new { name = "Support " + account, members = new[] { new { userId = agentId } }, accountIds = new[] { account } });
        var skill = "French " + Guid.NewGuid().ToString("N")[..6];
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);

        await BrowserSession.OpenAsync(page, "/admin/skills");
        await page.FillAsync("#skill-name", skill);
        await page.ClickAsync("#save-skill");
        var row = page.Locator($"#skills tr[data-skill='{skill}']");
        await Assertions.Expect(row).ToContainTextAsync("nobody yet");

        await BrowserSession.OpenAsync(page, "/admin/users");
        await page.Locator("#users tr", new() { HasText = agentEmail }).GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await page.SelectOptionAsync("#add-skill", new SelectOptionValue { Label = skill });
        await page.SelectOptionAsync("#add-skill-level", "3");
        await page.ClickAsync("#add-skill-button");
        await page.ClickAsync("#save-skills");
        await Assertions.Expect(page.Locator("#skills-saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#skill-0-level")).ToHaveValueAsync("3");

        await BrowserSession.OpenAsync(page, "/admin/skills");
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("1");

        await BrowserSession.OpenAsync(page, $"/admin/accounts/{account}/plan");
        await page.ClickAsync("#add-step");
        await page.SelectOptionAsync("#step-0-kind", "RequireSkill");
        await page.SelectOptionAsync("#step-0-skill", new SelectOptionValue { Label = skill });
        await page.SelectOptionAsync("#step-0-level", "4");
        await page.ClickAsync("#add-step");
        await page.SelectOptionAsync("#step-1-kind", "SetPriority");
        await page.FillAsync("#step-1-priority", "7");
        await page.ClickAsync("#save-plan");
        await Assertions.Expect(page.Locator("#plan-saved")).ToBeVisibleAsync();
        await BrowserSession.OpenAsync(page, $"/admin/accounts/{account}/plan");
        await Assertions.Expect(page.Locator("#step-0-level")).ToHaveValueAsync("4");
        await Assertions.Expect(page.Locator("#step-1-priority")).ToHaveValueAsync("7");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "admin-plan-skills.png"), FullPage = true });

        var id = await Seed.InteractionAsync(session.Server, account, "Bonjour, ma commande");
        var supervisor = await session.SignedInPageAsync(supervisorEmail, Password);
        await BrowserSession.OpenAsync(supervisor, "/supervisor");
        var waiting = supervisor.Locator($"li.waiting-row[data-interaction='{id.ToString(CultureInfo.InvariantCulture)}']");
        await Assertions.Expect(waiting.Locator(".wait-reason")).ToHaveTextAsync($"· no agent of its queues has the skill {skill}, level 4 or higher");
        await supervisor.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "supervisor-board-skill-wait.png"), FullPage = true });

        // Given to the agent by hand all the same (a person's call, not routing's): the desktop says what it needs.
        (await admin.PostAsJsonAsync($"/api/interactions/{id}/assign", new { userId = agentId })).EnsureSuccessStatusCode();
        var agent = await session.SignedInPageAsync(agentEmail, Password);
        await BrowserSession.OpenAsync(agent, "/desktop");
        await agent.ClickAsync($"#interactions li[data-id='{id}']");
        await Assertions.Expect(agent.Locator("#work-skills")).ToHaveTextAsync($"Needs {skill}, level 4 or higher");
    }
}
