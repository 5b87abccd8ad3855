using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Interactions;

namespace Mailroom.Server.Tests.Work;

public sealed class ReopenApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task Reopen_ByAnAgent_AssignsItToThem_AndFlagsItReopened()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await ClosedAsync(account, agent);

        var result = await WorkDesk.JsonAsync(await agent.PostAsync($"/api/interactions/{id}/reopen", null), HttpStatusCode.OK);

        Assert.True(result.GetProperty("openComposer").GetBoolean());
        var reopened = await desk.InteractionAsync(id);
        Assert.Equal((InteractionStatus.Open, true, (int?)agentId), (reopened.Status, reopened.Reopened, reopened.AssignedUserId));
        Assert.Contains(await desk.HistoryAsync(id), h => h.Action == "reopened" && h.ActorUserId == agentId);
    }

    [Fact]
    public async Task Reopen_ByASupervisor_LeavesItUnassignedAndUnread()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var (_, supervisor) = await desk.UserAsync(account, "supervisor");
        var id = await ClosedAsync(account, agent, agentId);

        var result = await WorkDesk.JsonAsync(await supervisor.PostAsync($"/api/interactions/{id}/reopen", null), HttpStatusCode.OK);

        Assert.False(result.GetProperty("openComposer").GetBoolean());
        var reopened = await desk.InteractionAsync(id);
        Assert.Equal((InteractionStatus.Open, true, (int?)null), (reopened.Status, reopened.Reopened, reopened.AssignedUserId));
        Assert.True(reopened.UnreadCount > 0);
        Assert.True((await WorkDesk.ContextAsync(agent, id)).GetProperty("reopened").GetBoolean());
    }

    [Fact]
    public async Task Reopen_AnOpenInteraction_Is409_AndOutsideTheAccount_Is404()
    {
        var (account, _) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var (_, outsider) = await desk.UserAsync(other);
        var open = await desk.CustomerWritesAsync(account);
        var closed = await ClosedAsync(account, agent);

        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsync($"/api/interactions/{open}/reopen", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/interactions/{closed}/reopen", null)).StatusCode);
    }

    [Fact]
    public async Task Context_ShowsTheContinuedInLinkOfAClosedInteraction()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var first = await ClosedAsync(account, agent);
        var second = await desk.CustomerWritesAsync(account);
        await desk.DbAsync(async db =>
        {
            var a = await db.Interactions.FindAsync(first);
            var b = await db.Interactions.FindAsync(second);
            (a!.ContinuedInId, b!.ContinuedFromId) = (second, first);
            return await db.SaveChangesAsync();
        });

        await WorkDesk.JsonAsync(await agent.PostAsync($"/api/interactions/{first}/reopen", null), HttpStatusCode.OK);

        Assert.Equal(second, (await WorkDesk.ContextAsync(agent, first)).GetProperty("continuedInId").GetInt64());
        Assert.Equal(first, (await WorkDesk.ContextAsync(agent, second)).GetProperty("continuedFromId").GetInt64());
    }

    private async Task<long> ClosedAsync(int account, HttpClient agent, int? assignedTo = null)
    {
        var id = await desk.CustomerWritesAsync(account, assignedTo);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/api/interactions/{id}/close", new { })).StatusCode);
        return id;
    }
}
