using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Interactions;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Work;

public sealed class ClosingApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task Dispositions_HaveAtMostThreeLevels_OnlyAdministratorsEditThem_AndAgentsSeeGlobalPlusTheirAccounts()
    {
        var (account, _) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var (top, middle, leaf) = await TreeAsync(account);
        var foreign = await CreateAsync("Foreign", null, other);

        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PostAsJsonAsync("/api/dispositions", new { name = "Too deep", parentId = leaf, accountId = account }), "parentId");
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PostAsJsonAsync("/api/dispositions", new { name = "Cross", parentId = top, accountId = other }), "parentId");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/dispositions", new { name = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await desk.Admin.DeleteAsync($"/api/dispositions/{middle}")).StatusCode);

        var visible = (await agent.GetFromJsonAsync<JsonElement>($"/api/dispositions?accountId={account}")).EnumerateArray().ToList();
        var shownLeaf = visible.Single(d => d.GetProperty("id").GetInt32() == leaf);
        Assert.Equal(3, shownLeaf.GetProperty("level").GetInt32());
        Assert.Equal(3, shownLeaf.GetProperty("path").GetString()!.Split(" / ").Length);
        Assert.False(visible.Single(d => d.GetProperty("id").GetInt32() == middle).GetProperty("isLeaf").GetBoolean());
        Assert.DoesNotContain(visible, d => d.GetProperty("id").GetInt32() == foreign);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/dispositions?accountId={other}")).StatusCode);
    }

    [Fact]
    public async Task CloseAndDispose_StoresTheLowestLevel_ShowsItsPath_AndRecordsWhoClosed()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, agentId);
        var (_, middle, leaf) = await TreeAsync(account);

        await WorkDesk.BadRequestNamingAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/close", new { dispositionId = middle }), "dispositionId");
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/api/interactions/{id}/close", new { dispositionId = leaf })).StatusCode);

        var shown = await WorkDesk.ContextAsync(agent, id);
        Assert.Equal(leaf, shown.GetProperty("disposition").GetProperty("id").GetInt32());
        Assert.Equal(2, shown.GetProperty("disposition").GetProperty("path").GetString()!.Count(c => c == '/'));
        Assert.Equal("Closed Unmanaged", shown.GetProperty("statusText").GetString());
        Assert.Contains(await desk.HistoryAsync(id), h => h.Action == "closed" && h.ActorUserId == agentId && h.Details!.Contains("disposition", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsJsonAsync($"/api/interactions/{id}/close", new { })).StatusCode);
    }

    [Fact]
    public async Task Close_AfterAnAgentReply_IsClosed_AndAClosedOneCanBeDisposedLater()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, agentId);
        var leaf = await CreateAsync("Solved", null, null);
        await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/reply", new { body = "<p>Done</p>" }), HttpStatusCode.Accepted);

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/interactions/{id}/close", null)).StatusCode);
        Assert.Equal("Closed", (await WorkDesk.ContextAsync(agent, id)).GetProperty("statusText").GetString());
        await WorkDesk.JsonAsync(await agent.PutAsJsonAsync($"/api/interactions/{id}/disposition", new { dispositionId = leaf }), HttpStatusCode.OK);

        Assert.Equal(leaf, (await desk.InteractionAsync(id)).DispositionId);
        Assert.Contains(await desk.HistoryAsync(id), h => h.Action == "disposed");
    }

    [Fact]
    public async Task MandatoryDisposition_CloseWithoutOneIs400_AndPausesTheAgentUntilTheyGiveOne()
    {
        var (account, _) = await desk.AccountAsync(mandatoryDisposition: true, pauseWhileDisposing: true);
        var (agentId, agent) = await desk.UserAsync(account);
        (await agent.PutAsJsonAsync("/api/me/presence", new { presence = "online" })).EnsureSuccessStatusCode();
        var id = await desk.CustomerWritesAsync(account, agentId);
        var leaf = await CreateAsync("Answered", null, account);

        await WorkDesk.BadRequestNamingAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/close", new { }), "dispositionId");

        Assert.Equal(InteractionStatus.Open, (await desk.InteractionAsync(id)).Status);
        var paused = await UserAsync(agentId);
        Assert.Equal((Presence.Paused, "Disposition"), (paused.Presence, paused.PauseReason));

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/api/interactions/{id}/close", new { dispositionId = leaf })).StatusCode);
        Assert.Equal(InteractionStatus.Closed, (await desk.InteractionAsync(id)).Status);
        Assert.Equal(Presence.Online, (await UserAsync(agentId)).Presence);
    }

    [Fact]
    public async Task MandatoryDisposition_GivingOneDoesNotEndAPauseTheAgentChoseThemselves()
    {
        var (account, _) = await desk.AccountAsync(mandatoryDisposition: true, pauseWhileDisposing: true);
        var (agentId, agent) = await desk.UserAsync(account);
        (await agent.PutAsJsonAsync("/api/me/presence", new { presence = "paused", reason = "Lunch" })).EnsureSuccessStatusCode();
        var id = await desk.CustomerWritesAsync(account, agentId);
        var leaf = await CreateAsync("Answered", null, account);

        await WorkDesk.BadRequestNamingAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/close", new { }), "dispositionId");
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/api/interactions/{id}/close", new { dispositionId = leaf })).StatusCode);

        var user = await UserAsync(agentId);
        Assert.Equal((Presence.Paused, "Lunch"), (user.Presence, user.PauseReason));
    }

    [Fact]
    public async Task SendAndClose_OnAMandatoryAccount_NeedsADisposition_AndThenSendsAndClosesTogether()
    {
        var (account, _) = await desk.AccountAsync(mandatoryDisposition: true);
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, agentId);
        var leaf = await CreateAsync("Shipped", null, account);
        await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/draft", new { body = "typing" }), HttpStatusCode.Created);

        await WorkDesk.BadRequestNamingAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/reply", new { body = "<p>Sent</p>", send = "sendAndClose" }), "dispositionId");
        Assert.Equal(0, await OutgoingAsync(id));

        await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/reply",
            new { body = "<p>Sent</p>", send = "sendAndClose", dispositionId = leaf }), HttpStatusCode.Accepted);
        var closed = await desk.InteractionAsync(id);
        Assert.Equal((InteractionStatus.Closed, false, (int?)leaf), (closed.Status, closed.ClosedUnmanaged, closed.DispositionId));
        Assert.Equal(1, await OutgoingAsync(id));
        Assert.Empty((await agent.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray());
    }

    [Fact]
    public async Task Close_ByAnAgentOfAnotherAccount_Is404()
    {
        var (account, _) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (_, outsider) = await desk.UserAsync(other);
        var id = await desk.CustomerWritesAsync(account);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/interactions/{id}/close", new { })).StatusCode);
        Assert.Equal(InteractionStatus.Open, (await desk.InteractionAsync(id)).Status);
    }

    private Task<int> OutgoingAsync(long id) =>
        desk.DbAsync(db => db.Messages.CountAsync(m => m.InteractionId == id && m.Direction == MessageDirection.Outgoing));

    private Task<User> UserAsync(int id) => desk.DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));

    private async Task<(int Top, int Middle, int Leaf)> TreeAsync(int account)
    {
        var top = await CreateAsync("Sales", null, account);
        var middle = await CreateAsync("Order", top, account);
        return (top, middle, await CreateAsync("Refunded", middle, account));
    }

    private async Task<int> CreateAsync(string name, int? parentId, int? accountId)
    {
        var created = await WorkDesk.JsonAsync(await desk.Admin.PostAsJsonAsync("/api/dispositions",
            new { name = $"{name} {Guid.NewGuid().ToString("N")[..6]}", parentId, accountId }), HttpStatusCode.Created);
        return created.GetProperty("id").GetInt32();
    }
}
