using System.Net;
using System.Net.Http.Json;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.Auth;

public sealed class SignInTests : IClassFixture<SignInTests.App>
{
    private readonly MailroomApp _server;

    public SignInTests(App app) => _server = app.Server;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new();

        public void Dispose() => Server.Dispose();
    }

    [Fact]
    public async Task Api_WithoutSignIn_Answers401()
    {
        var response = await _server.CreateClient().GetAsync("/api/accounts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_WithWrongPassword_Answers401()
    {
        var response = await _server.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = MailroomApp.AdminEmail, password = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_WithUnknownToken_Answers401()
    {
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "mr_not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Token_OfADeactivatedUser_StopsWorking()
    {
        var admin = await _server.AdminClientAsync();
        var (id, agent) = await _server.CreateUserAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/auth/me")).StatusCode);

        (await admin.DeleteAsync($"/api/users/{id}")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task FirstStart_CreatesTheAdministrator_WithTheConfiguredPassword()
    {
        var admin = await _server.AdminClientAsync();

        var me = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/auth/me");

        Assert.Equal("admin", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Users_ShortPassword_Answers400NamingPassword()
    {
        var admin = await _server.AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/api/users", new { email = "short@example.test", displayName = "Short", role = "agent", password = "abc" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"password\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_AndOpenApi_AreServed()
    {
        var client = _server.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        Assert.Contains("/api/accounts", await client.GetStringAsync("/openapi/v1.json"), StringComparison.Ordinal);
    }
}
