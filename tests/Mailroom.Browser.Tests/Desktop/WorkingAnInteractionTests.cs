using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Desktop;

public sealed class WorkingAnInteractionTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Agent_AddsANote_TagsIt_AndClosesWithADisposition()
    {
        var admin = await session.Server.AdminClientAsync();
        var key = "WK" + Guid.NewGuid().ToString("N")[..3].ToUpperInvariant();
        var account = await CreateAsync(admin, "/api/accounts", new
        {
            name = key,
            key,
            address = $"{key.ToLowerInvariant()}@example.test",
            active = true,
            imap = new { host = "127.0.0.1", port = 1 },
            smtp = new { host = "127.0.0.1", port = 1 },
            disposition = new { mandatory = true },
        });
        var tag = "vip-" + Guid.NewGuid().ToString("N")[..4];
        var tagId = await CreateAsync(admin, "/api/tags", new { name = tag });
        var top = await CreateAsync(admin, "/api/dispositions", new { name = "Sales", accountId = account });
        var leaf = await CreateAsync(admin, "/api/dispositions", new { name = "Refunded", parentId = top, accountId = account });
        var (agentId, _) = await session.Server.CreateUserAsync(admin, email: $"worker{Guid.NewGuid():N}"[..16] + "@example.test");
        (await admin.PostAsync($"/api/accounts/{account}/members/{agentId}", null)).EnsureSuccessStatusCode();
        var id = await Seed.InteractionAsync(session.Server, account, "Refund please " + Guid.NewGuid().ToString("N")[..6]);
        var me = await admin.GetFromJsonAsync<JsonElement>($"/api/users/{agentId}");
        var page = await session.SignedInPageAsync(me.GetProperty("email").GetString()!, "agent-password-1");

        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        await page.FillAsync("#note-text", "Customer called, refund approved");
        await page.ClickAsync("#add-note");
        await Assertions.Expect(page.Locator("#notes .note-text")).ToHaveTextAsync("Customer called, refund approved");

        await page.SelectOptionAsync("#add-tag", tagId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator($".tags-editor .chip[data-tag='{tag}']")).ToBeVisibleAsync();

        await page.ClickAsync("#close-interaction");
        await page.SelectOptionAsync("#disposition", leaf.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#confirm-close-dispose");

        await Assertions.Expect(page.Locator("#work-status")).ToHaveTextAsync("Closed Unmanaged");
        await Assertions.Expect(page.Locator("#work-disposition")).ToHaveTextAsync("Refunded");
        await Assertions.Expect(page.Locator("#work-disposition")).ToHaveAttributeAsync("title", "Sales / Refunded");
        await Assertions.Expect(page.Locator("#reopen")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-work-closed.png"), FullPage = true });
        var tags = await admin.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/tags");
        Assert.Equal(tagId, Assert.Single(tags.EnumerateArray()).GetProperty("id").GetInt32());
    }
}
