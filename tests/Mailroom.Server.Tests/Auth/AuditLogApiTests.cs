using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.Auth;

/// <summary>The audit log over HTTP: a role change and a failed sign-in are there with who, what and from where; only administrators read it.</summary>
public sealed class AuditLogApiTests(AuditLogApiTests.App app) : IClassFixture<AuditLogApiTests.App>
{
    private readonly MailroomApp _server = app.Server;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new(settings: new Dictionary<string, string?> { ["Mailroom:Inbound:Enabled"] = "false" });

        public void Dispose() => Server.Dispose();
    }

    [Fact]
    public async Task ARoleChangeAndAFailedSignIn_AreAudited_AndFoundBySearchAndInTheCsv()
    {
        var admin = await _server.AdminClientAsync();
        var email = $"au-{Guid.NewGuid().ToString("N")[..10]}@example.test";
        var (id, _) = await _server.CreateUserAsync(admin, "agent", email);
        (await admin.PutAsJsonAsync($"/api/users/{id}", new { email, displayName = "Test agent", role = "supervisor", emailCapacity = 5, isActive = true }, MailroomApp.Json))
            .EnsureSuccessStatusCode();
        await _server.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password = "not-the-password" });

        var found = (await admin.GetFromJsonAsync<JsonElement>($"/api/audit?q={Uri.EscapeDataString(email)}")).EnumerateArray().ToList();

        var changed = found.Single(e => e.GetProperty("action").GetString() == "user changed");
        Assert.Equal("role agent → supervisor", changed.GetProperty("details").GetString());
        Assert.False(string.IsNullOrEmpty(changed.GetProperty("actorName").GetString()));
        var failed = found.Single(e => e.GetProperty("action").GetString() == "sign-in failed");
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("actorUserId").ValueKind);
        Assert.Equal("created", found[^1].GetProperty("action").GetString()!.Split(' ')[1]);
        var csv = await admin.GetStringAsync($"/api/audit.csv?q={Uri.EscapeDataString(email)}");
        Assert.StartsWith("Time (UTC),Who,Action,Target,Details,Client IP", csv, StringComparison.Ordinal);
        Assert.Contains("role agent → supervisor", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLog_ForAnAgentOrASupervisor_IsForbidden_AndABadLimitIsNamed()
    {
        var admin = await _server.AdminClientAsync();
        var (_, agent) = await _server.CreateUserAsync(admin);
        var (_, supervisor) = await _server.CreateUserAsync(admin, "supervisor");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/audit.csv")).StatusCode);
        var bad = await admin.GetAsync("/api/audit?limit=5000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("limit", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
