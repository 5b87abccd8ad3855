using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Accounts;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Routing;

public sealed class RoutingApiTests : IClassFixture<RoutingApiTests.App>
{
    private readonly App _app;

    public RoutingApiTests(App app) => _app = app;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new();

        public void Dispose() => Server.Dispose();
    }

    [Fact]
    public async Task Presence_PausedWithoutReason_Answers400NamingReason()
    {
        var admin = await _app.Server.AdminClientAsync();
        var (_, agent) = await _app.Server.CreateUserAsync(admin);

        var response = await agent.PutAsJsonAsync("/api/me/presence", new { presence = "paused" }, MailroomApp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Presence_AgentSetsSomeoneElse_Answers403()
    {
        var admin = await _app.Server.AdminClientAsync();
        var (otherId, _) = await _app.Server.CreateUserAsync(admin);
        var (_, agent) = await _app.Server.CreateUserAsync(admin);

        var response = await agent.PutAsJsonAsync($"/api/users/{otherId}/presence", new { presence = "online" }, MailroomApp.Json);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Live_SupervisorOfTheAccount_SeesAgentsPresenceAndLoad()
    {
        var admin = await _app.Server.AdminClientAsync();
        var (agentId, agent) = await _app.Server.CreateUserAsync(admin);
        var (supervisorId, supervisor) = await _app.Server.CreateUserAsync(admin, "supervisor", $"sv{Guid.NewGuid():N}"[..20] + "@example.test");
        var accountId = await AccountWithMembersAsync(agentId, supervisorId);
        (await agent.PutAsJsonAsync("/api/me/presence", new { presence = "paused", reason = "training" }, MailroomApp.Json)).EnsureSuccessStatusCode();

        var live = await supervisor.GetFromJsonAsync<JsonElement>($"/api/accounts/{accountId}/live");

        Assert.Equal(0, live.GetProperty("open").GetInt32());
        var row = live.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("userId").GetInt32() == agentId);
        Assert.Equal("paused", row.GetProperty("presence").GetString());
        Assert.Equal("training", row.GetProperty("pauseReason").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/accounts/{accountId}/live")).StatusCode);
    }

    [Fact]
    public async Task Plan_GotoOutsideThePlan_Answers400NamingTheStep()
    {
        var admin = await _app.Server.AdminClientAsync();
        var accountId = await AccountWithMembersAsync();
        var plan = new { steps = new object[] { new { kind = "goto", target = 0 }, new { kind = "goto", target = 5 } } };

        var response = await admin.PutAsJsonAsync($"/api/accounts/{accountId}/plan", plan, MailroomApp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("steps[1]", out _));
    }

    [Fact]
    public async Task Plan_TagStepByName_IsSavedAndAMissingSubStatusAnswers400NamingTheStep()
    {
        var admin = await _app.Server.AdminClientAsync();
        var accountId = await AccountWithMembersAsync();
        var tag = await (await admin.PostAsJsonAsync("/api/tags", new { name = "T" + Guid.NewGuid().ToString("N")[..8] }, MailroomApp.Json))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var good = new { steps = new object[] { new { kind = "tag", tagId = tag.GetProperty("id").GetInt32() } } };
        var bad = new { steps = new object[] { new { kind = "tag", tagId = tag.GetProperty("id").GetInt32() }, new { kind = "setSubStatus", subStatusId = 99999 } } };

        var saved = await (await admin.PutAsJsonAsync($"/api/accounts/{accountId}/plan", good, MailroomApp.Json)).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var refused = await admin.PutAsJsonAsync($"/api/accounts/{accountId}/plan", bad, MailroomApp.Json);

        var step = saved.GetProperty("steps")[0];
        Assert.Equal(("tag", tag.GetProperty("id").GetInt32()), (step.GetProperty("kind").GetString(), step.GetProperty("tagId").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("steps[1]", out _));
    }

    private async Task<int> AccountWithMembersAsync(params int[] members)
    {
        await using var scope = _app.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var key = "L" + Guid.NewGuid().ToString("N")[..4];
        var account = new EmailAccount { Name = key, Key = key, Address = $"{key}@example.test" };
        account.Members.AddRange(members.Select(m => new AccountMember { UserId = m }));
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }
}
