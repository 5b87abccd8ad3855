using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Admin;

/// <summary>
/// Issue 16: a deactivated administrator with the users page open once created a new administrator from it.
/// Now the open page is closed within seconds, and a page that refuses to close can no longer act.
/// </summary>
public sealed class SessionEndTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const string Password = "second-admin-pass";

    [Fact]
    public async Task DeactivatedAdministrator_OpenPage_IsSentToSignInWithinSeconds()
    {
        var (admin, id, page) = await SecondAdminOnUsersPageAsync();

        (await admin.DeleteAsync($"/api/users/{id}")).EnsureSuccessStatusCode();

        await page.WaitForURLAsync("**/login**", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task DeactivatedAdministrator_PageThatRefusesToReload_CannotCreateAnAdministrator()
    {
        var (admin, id, page) = await SecondAdminOnUsersPageAsync();
        await page.ClickAsync("#new-user");
        var email = $"planted-{Guid.NewGuid():N}"[..16] + "@example.test";
        await page.FillAsync("#user-name", "Planted admin");
        await page.FillAsync("#user-email", email);
        await page.SelectOptionAsync("#user-role", "Admin");
        await page.FillAsync("#user-password", "planted-admin-pass");
        await page.PressAsync("#user-password", "Tab");
        // A client that will not leave: the reload Mailroom asks for gets "204 No Content", so the browser keeps the page.
        await page.RouteAsync("**/admin/users", route => route.FulfillAsync(new() { Status = 204 }));

        (await admin.DeleteAsync($"/api/users/{id}")).EnsureSuccessStatusCode();
        await page.WaitForTimeoutAsync(6_000);
        Assert.Equal(1, await page.Locator("#save-user").CountAsync());
        // Clicked from script: the page may show Blazor's "connection interrupted" bar over the form by now.
        await page.EvaluateAsync("() => document.querySelector('#save-user').click()");
        await page.WaitForTimeoutAsync(2_000);

        var users = await admin.GetFromJsonAsync<JsonElement>("/api/users");
        Assert.DoesNotContain(users.EnumerateArray(), u => u.GetProperty("email").GetString() == email);
    }

    private async Task<(HttpClient Admin, int Id, IPage Page)> SecondAdminOnUsersPageAsync()
    {
        var admin = await session.Server.AdminClientAsync();
        var email = $"admin2-{Guid.NewGuid():N}"[..16] + "@example.test";
        var created = await admin.PostAsJsonAsync("/api/users", new { email, displayName = "Second admin", role = "admin", password = Password }, MailroomApp.Json);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var page = await session.SignedInPageAsync(email, Password);
        await BrowserSession.OpenAsync(page, "/admin/users");
        return (admin, id, page);
    }
}
