using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mailroom.Server.Tests.Work;

public sealed class DraftsApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task SaveDraft_ASecondTimeIs409_UntilReplaceIsTrue()
    {
        var (account, key) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, agentId);

        var first = await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/draft", new { body = "first" }), HttpStatusCode.Created);
        var again = await agent.PostAsJsonAsync($"/api/interactions/{id}/draft", new { body = "second" });
        var replaced = await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/draft?replace=true", new { body = "second", subject = "Re: parcel" }), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(first.GetProperty("id").GetInt64(), replaced.GetProperty("id").GetInt64());
        var mine = await agent.GetFromJsonAsync<JsonElement>("/api/drafts");
        var only = Assert.Single(mine.EnumerateArray());
        Assert.Equal("second", only.GetProperty("body").GetString());
        Assert.Equal($"{key} - Re: parcel", only.GetProperty("name").GetString());
        Assert.Contains(await desk.HistoryAsync(id), h => h.Action == "draft-saved" && h.ActorUserId == agentId);
    }

    [Fact]
    public async Task Drafts_AreNamedKeyThenToThenSubjectThenUntitled()
    {
        var (account, key) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var withTo = await desk.CustomerWritesAsync(account);
        var withSubject = await desk.CustomerWritesAsync(account);
        var empty = await desk.CustomerWritesAsync(account);

        await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{withTo}/draft", new { to = "carla@customer.test", subject = "S" }), HttpStatusCode.Created);
        await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{withSubject}/draft", new { subject = "Your refund" }), HttpStatusCode.Created);
        await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{empty}/draft", new { body = "..." }), HttpStatusCode.Created);

        var names = (await agent.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray().Select(d => d.GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(new[] { $"{key} - carla@customer.test", $"{key} - Untitled", $"{key} - Your refund" }.Order(), names);
    }

    [Fact]
    public async Task Autosave_UpdatesTheAuthorsDraft_AndAnotherAgentCanNeverReadWriteOrDeleteIt()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, author) = await desk.UserAsync(account);
        var (_, colleague) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account);
        var draft = await WorkDesk.JsonAsync(await author.PostAsJsonAsync($"/api/interactions/{id}/draft", new { body = "v1" }), HttpStatusCode.Created);
        var draftId = draft.GetProperty("id").GetInt64();

        await WorkDesk.JsonAsync(await author.PutAsJsonAsync($"/api/drafts/{draftId}", new { body = "v2", to = "x@customer.test" }), HttpStatusCode.OK);

        Assert.Equal("v2", (await author.GetFromJsonAsync<JsonElement>($"/api/drafts/{draftId}")).GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/api/drafts/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.PutAsJsonAsync($"/api/drafts/{draftId}", new { body = "hijack" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.DeleteAsync($"/api/drafts/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await colleague.GetAsync($"/api/interactions/{id}/draft")).StatusCode);
        Assert.Empty((await colleague.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray());
        Assert.Equal("v2", (await author.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/draft")).GetProperty("body").GetString());
        await WorkDesk.BadRequestNamingAsync(await author.PutAsJsonAsync($"/api/drafts/{draftId}", new { mode = "shout" }), "mode");
    }

    [Fact]
    public async Task ClosingTheInteraction_DeletesEveryonesDrafts_AndNoNewOneCanBeSaved()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var (_, colleague) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account);
        var mine = await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/draft", new { body = "a" }), HttpStatusCode.Created);
        await WorkDesk.JsonAsync(await colleague.PostAsJsonAsync($"/api/interactions/{id}/draft", new { body = "b" }), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await colleague.PostAsJsonAsync($"/api/interactions/{id}/close", new { })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/drafts/{mine.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Empty((await agent.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray());
        Assert.Empty((await colleague.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsJsonAsync($"/api/interactions/{id}/draft", new { body = "c" })).StatusCode);
    }

    [Fact]
    public async Task Sending_DeletesTheSendersDraft_AndKeepsTheColleagues()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var (_, colleague) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account);
        await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/draft", new { body = "<p>Almost done</p>" }), HttpStatusCode.Created);
        await WorkDesk.JsonAsync(await colleague.PostAsJsonAsync($"/api/interactions/{id}/draft", new { body = "<p>Mine</p>" }), HttpStatusCode.Created);

        await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/reply", new { body = "<p>Done</p>" }), HttpStatusCode.Accepted);

        Assert.Equal(HttpStatusCode.NoContent, (await agent.GetAsync($"/api/interactions/{id}/draft")).StatusCode);
        Assert.Equal("<p>Mine</p>", (await colleague.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/draft")).GetProperty("body").GetString());
    }

    [Fact]
    public async Task SaveDraft_ForAnAgentOfAnotherAccount_Is404()
    {
        var (account, _) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (_, outsider) = await desk.UserAsync(other);
        var id = await desk.CustomerWritesAsync(account);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/interactions/{id}/draft", new { body = "a" })).StatusCode);
    }
}
