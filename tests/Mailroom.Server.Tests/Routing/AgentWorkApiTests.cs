using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Server.Tests.Work;

namespace Mailroom.Server.Tests.Routing;

/// <summary>The supervisor's spy view of one agent: only the accounts the supervisor is a member of.</summary>
public sealed class AgentWorkApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task AgentWork_ListsTheAgentsOpenInteractions_OnlyInTheSupervisorsAccounts()
    {
        var (shared, _) = await desk.AccountAsync();
        var (elsewhere, _) = await desk.AccountAsync();
        var (agentId, _) = await desk.UserAsync(shared);
        (await desk.Admin.PostAsync($"/api/accounts/{elsewhere}/members/{agentId}", null)).EnsureSuccessStatusCode();
        var (_, supervisor) = await desk.UserAsync(shared, "supervisor");
        var mine = await desk.CustomerWritesAsync(shared, agentId);
        var hidden = await desk.CustomerWritesAsync(elsewhere, agentId);
        var unassigned = await desk.CustomerWritesAsync(shared);

        var work = await WorkDesk.JsonAsync(await supervisor.GetAsync($"/api/agents/{agentId}/work"), HttpStatusCode.OK);

        var ids = work.GetProperty("open").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([mine], ids);
        Assert.DoesNotContain(hidden, ids);
        Assert.DoesNotContain(unassigned, ids);
        Assert.Equal("offline", work.GetProperty("presence").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task AgentWork_ForASupervisorOfNoSharedAccount_Is404_AndForAnAgent403()
    {
        var (account, _) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var (_, outsider) = await desk.UserAsync(other, "supervisor");
        await desk.CustomerWritesAsync(account, agentId);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/agents/{agentId}/work")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/agents/{agentId}/work")).StatusCode);
    }

    [Fact]
    public async Task SpyingAnInteraction_ThroughTheSupervisorsReads_LeavesItUnreadForTheAgent()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, _) = await desk.UserAsync(account);
        var (_, supervisor) = await desk.UserAsync(account, "supervisor");
        var id = await desk.CustomerWritesAsync(account, agentId);

        await WorkDesk.JsonAsync(await supervisor.GetAsync($"/api/agents/{agentId}/work"), HttpStatusCode.OK);
        await WorkDesk.JsonAsync(await supervisor.GetAsync($"/api/interactions/{id}"), HttpStatusCode.OK);
        await WorkDesk.JsonAsync(await supervisor.GetAsync($"/api/interactions/{id}/notes"), HttpStatusCode.OK);

        Assert.Equal(1, (await desk.InteractionAsync(id)).UnreadCount);
        Assert.DoesNotContain(await desk.HistoryAsync(id), h => h.Action == "read");
    }
}
