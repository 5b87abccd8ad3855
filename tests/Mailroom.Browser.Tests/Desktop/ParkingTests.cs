using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>
/// The agent who owns an interaction sets it aside from the desktop: parks it, sees it in the list as parked, takes it
/// back; and raises its priority.
/// </summary>
public sealed class ParkingTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Agent_ParksUntilTheCustomerWrites_ListSaysSo_AndTakesItBack()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "PK", active: true);
        var (agentId, email) = await MemberAsync(session.Server, admin, account, "parker");
        var id = await Seed.InteractionAsync(session.Server, account, "Waiting for the courier " + Guid.NewGuid().ToString("N")[..6]);
        (await admin.PostAsJsonAsync($"/api/interactions/{id}/assign", new { userId = agentId })).EnsureSuccessStatusCode();
        var page = await session.SignedInPageAsync(email, Password);

        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        await Assertions.Expect(page.Locator("#park-choice option[value='morning']")).ToContainTextAsync("next business morning");
        await page.SelectOptionAsync("#park-choice", "reply");
        await page.ClickAsync("#park");

        await Assertions.Expect(page.Locator("#parked-state")).ToHaveTextAsync("Parked until the customer writes");
        await Assertions.Expect(page.Locator($"#interactions li[data-id='{id}'] .parked")).ToHaveTextAsync("parked until the customer writes");
        var context = await admin.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/context");
        Assert.NotEqual(JsonValueKind.Null, context.GetProperty("interaction").GetProperty("parkedAt").ValueKind);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-parked.png"), FullPage = true });

        await page.ClickAsync("#unpark");
        await Assertions.Expect(page.Locator("#park-choice")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#interactions li[data-id='{id}'] .parked")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Agent_RaisesThePriority_TheListAndTheApiSaySo()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "PR", active: true);
        var (agentId, email) = await MemberAsync(session.Server, admin, account, "urgent");
        var id = await Seed.InteractionAsync(session.Server, account, "Server down " + Guid.NewGuid().ToString("N")[..6]);
        (await admin.PostAsJsonAsync($"/api/interactions/{id}/assign", new { userId = agentId })).EnsureSuccessStatusCode();
        var page = await session.SignedInPageAsync(email, Password);

        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        await page.SelectOptionAsync("#priority", "7");

        await Assertions.Expect(page.Locator($"#interactions li[data-id='{id}'] .priority")).ToHaveTextAsync("· priority 7");
        var context = await admin.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/context");
        Assert.Equal(7, context.GetProperty("interaction").GetProperty("priority").GetInt32());
    }
}
