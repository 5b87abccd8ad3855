using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.Accounts;

/// <summary>The blocklist and allowlist over REST: administrators edit, supervisors of the account read, agents never.</summary>
public sealed class SenderRuleApiTests : IClassFixture<SenderRuleApiTests.App>
{
    private readonly App _app;

    public SenderRuleApiTests(App app) => _app = app;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new();

        public void Dispose() => Server.Dispose();
    }

    [Theory]
    [InlineData("""{"sender":"not an address","kind":"block"}""", "sender")]
    [InlineData("""{"sender":null}""", "sender")]
    [InlineData("""{"sender":"ann@customer.test","kind":"maybe"}""", "kind")]
    [InlineData("""{"sender":"ann@customer.test","kind":7}""", "kind")]
    public async Task Set_WithABadField_Answers400NamingTheField(string body, string field)
    {
        var admin = await _app.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "SR4");

        var response = await admin.PostAsync($"/api/accounts/{account}/sender-rules", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Fact]
    public async Task Rules_AdministratorSets_SupervisorMemberReadsButMayNotEdit_AgentMayNotRead()
    {
        var admin = await _app.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "SRA");
        var (supervisorId, supervisor) = await _app.Server.CreateUserAsync(admin, "supervisor");
        var (agentId, agent) = await _app.Server.CreateUserAsync(admin);
        foreach (var user in new[] { supervisorId, agentId })
        {
            (await admin.PostAsync($"/api/accounts/{account}/members/{user}", null)).EnsureSuccessStatusCode();
        }

        var set = await admin.PostAsJsonAsync($"/api/accounts/{account}/sender-rules", new { sender = "@Junk.test", kind = "block" });
        set.EnsureSuccessStatusCode();
        var rule = await set.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("junk.test", "block"), (rule.GetProperty("sender").GetString(), rule.GetProperty("kind").GetString()));

        var read = await supervisor.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}/sender-rules");
        Assert.Equal("junk.test", Assert.Single(read.EnumerateArray()).GetProperty("sender").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync($"/api/accounts/{account}/sender-rules", new { sender = "x.test" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.DeleteAsync($"/api/accounts/{account}/sender-rules/{rule.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/accounts/{account}/sender-rules")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/accounts/{account}/sender-rules/{rule.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}/sender-rules")).EnumerateArray());
    }
}
