using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Work;

public sealed class SubStatusApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task Pending_IsBuiltIn_AndCannotBeDeleted_WhileAdministratorsAddAndDeleteOthers()
    {
        var list = await desk.Admin.GetFromJsonAsync<JsonElement>("/api/sub-statuses");
        var pending = list.EnumerateArray().Single(s => s.GetProperty("isBuiltIn").GetBoolean());
        Assert.Equal("Pending", pending.GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.Conflict, (await desk.Admin.DeleteAsync($"/api/sub-statuses/{pending.GetProperty("id").GetInt32()}")).StatusCode);
        var created = await CreateAsync("Waiting");
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PostAsJsonAsync("/api/sub-statuses", new { name = "" }), "name");
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/sub-statuses", new { name = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await desk.Admin.DeleteAsync($"/api/sub-statuses/{created.Id}")).StatusCode);
    }

    [Fact]
    public async Task SetAs_ShowsOpenDashSubStatus_ClearsWithNull_AndIsRecorded()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, agentId);
        var status = await CreateAsync("Waiting for parts");

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PutAsJsonAsync($"/api/interactions/{id}/sub-status", new { subStatusId = status.Id })).StatusCode);
        Assert.Equal($"Open - {status.Name}", (await WorkDesk.ContextAsync(agent, id)).GetProperty("statusText").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PutAsJsonAsync($"/api/interactions/{id}/sub-status", new { subStatusId = (int?)null })).StatusCode);
        Assert.Equal("Open", (await WorkDesk.ContextAsync(agent, id)).GetProperty("statusText").GetString());
        Assert.Equal(2, (await desk.HistoryAsync(id)).Count(h => h.Action == "sub-status" && h.ActorUserId == agentId));
    }

    [Fact]
    public async Task SetAs_AnUnknownSubStatus_Is400_OnAClosedInteraction_Is409_AndOutsideTheAccount_Is404()
    {
        var (account, _) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var (_, outsider) = await desk.UserAsync(other);
        var id = await desk.CustomerWritesAsync(account);
        var status = await CreateAsync("Later");

        await WorkDesk.BadRequestNamingAsync(await agent.PutAsJsonAsync($"/api/interactions/{id}/sub-status", new { subStatusId = 987654 }), "subStatusId");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutAsJsonAsync($"/api/interactions/{id}/sub-status", new { subStatusId = status.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/api/interactions/{id}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PutAsJsonAsync($"/api/interactions/{id}/sub-status", new { subStatusId = status.Id })).StatusCode);
    }

    [Fact]
    public async Task SendAs_SetsTheSubStatusWithTheReply_AndAnUnknownOneSendsNothing()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, agentId);
        var status = await CreateAsync("Awaiting answer");

        await WorkDesk.BadRequestNamingAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/reply",
            new { body = "<p>x</p>", send = "sendAs", subStatusId = 999999 }), "subStatusId");
        Assert.Equal(0, await desk.DbAsync(db => db.Messages.CountAsync(m => m.InteractionId == id && m.Direction == MessageDirection.Outgoing)));

        await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/reply",
            new { body = "<p>We are on it</p>", send = "sendAs", subStatusId = status.Id }), HttpStatusCode.Accepted);
        Assert.Equal(status.Id, (await desk.InteractionAsync(id)).SubStatusId);
        Assert.Equal($"Open - {status.Name}", (await WorkDesk.ContextAsync(agent, id)).GetProperty("statusText").GetString());
    }

    private async Task<(int Id, string Name)> CreateAsync(string prefix)
    {
        var name = $"{prefix} {Guid.NewGuid().ToString("N")[..6]}";
        var created = await WorkDesk.JsonAsync(await desk.Admin.PostAsJsonAsync("/api/sub-statuses", new { name }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetInt32(), name);
    }
}
