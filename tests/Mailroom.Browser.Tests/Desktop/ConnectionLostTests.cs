using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>
/// Two agents at their desktops; one browser goes away abruptly (its context closed, as when a laptop lid shuts).
/// The other keeps getting offers live, and the gone agent goes offline after the grace, its offer moving on.
/// </summary>
public sealed class ConnectionLostTests : IClassFixture<ConnectionLostTests.ShortGrace>
{
    private const string Password = "agent-password-1";
    private readonly ShortGrace _session;

    public ConnectionLostTests(ShortGrace session) => _session = session;

    public sealed class ShortGrace() : BrowserSession([new("Mailroom:Presence:ConnectionGraceSeconds", "3")]);

    [Fact]
    public async Task OneAgentsBrowserGoesAway_TheOtherKeepsGettingOffers_AndTheGoneAgentGoesOfflineAfterTheGrace()
    {
        var admin = await _session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "CON");
        var (goneId, goneEmail) = await AgentAsync(admin, account);
        var (stayId, stayEmail) = await AgentAsync(admin, account);
        var queue = await admin.PostAsJsonAsync("/api/queues", new
        {
            name = "Q" + Guid.NewGuid().ToString("N")[..8],
            members = new[] { new { userId = goneId, priority = 0 }, new { userId = stayId, priority = 1 } },
            accountIds = new[] { account },
        });
        queue.EnsureSuccessStatusCode();
        var gonePage = await DesktopAsync(goneEmail);
        var stayPage = await DesktopAsync(stayEmail);
        var first = "Before " + Guid.NewGuid().ToString("N")[..6];
        await Seed.InteractionAsync(_session.Server, account, first);
        await Assertions.Expect(gonePage.Locator("#offers li", new() { HasText = first })).ToBeVisibleAsync();

        await gonePage.Context.CloseAsync();
        var second = "After " + Guid.NewGuid().ToString("N")[..6];
        await Seed.InteractionAsync(_session.Server, account, second);

        // Ring-all: the one who stays is offered both, the second without waiting on the gone browser (the bug this
        // guards against held every live screen for 64 s; 10 s leaves room for a loaded CI machine, not for that).
        await Assertions.Expect(stayPage.Locator("#offers li", new() { HasText = second })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(stayPage.Locator("#offers li", new() { HasText = first })).ToBeVisibleAsync();
        var gone = await PresenceAsync(admin, goneId, p => p.GetProperty("presence").GetString() == "offline");
        Assert.Equal("connection lost", gone.GetProperty("pauseReason").GetString());
        var offers = await _session.Server.ClientForAsync(goneEmail, Password);
        Assert.Empty((await offers.GetFromJsonAsync<JsonElement>("/api/me/offers")).EnumerateArray());
        await stayPage.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-colleague-connection-lost.png"), FullPage = true });
    }

    private async Task<(int Id, string Email)> AgentAsync(HttpClient admin, int account)
    {
        var email = $"agent-{Guid.NewGuid().ToString("N")[..10]}@example.test";
        var (id, client) = await _session.Server.CreateUserAsync(admin, email: email);
        (await admin.PostAsync($"/api/accounts/{account}/members/{id}", null)).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/api/me/presence", new { presence = "online" })).EnsureSuccessStatusCode();
        return (id, email);
    }

    private async Task<IPage> DesktopAsync(string email)
    {
        var page = await _session.SignedInPageAsync(email, Password);
        await BrowserSession.OpenAsync(page, "/desktop");
        return page;
    }

    private static async Task<JsonElement> PresenceAsync(HttpClient admin, int userId, Func<JsonElement, bool> until)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var user = await admin.GetFromJsonAsync<JsonElement>($"/api/users/{userId}");
            if (until(user))
            {
                return user;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"User {userId} is still {user.GetProperty("presence")}.");
            await Task.Delay(250);
        }
    }
}
