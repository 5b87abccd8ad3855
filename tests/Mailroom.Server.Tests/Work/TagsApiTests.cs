using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mailroom.Server.Tests.Work;

public sealed class TagsApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task TagList_OnlyAdministratorsEditIt_AndBadInputNamesTheField()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var name = "vip-" + Guid.NewGuid().ToString("N")[..6];

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/tags", new { name })).StatusCode);
        var tag = await WorkDesk.JsonAsync(await desk.Admin.PostAsJsonAsync("/api/tags", new { name, color = "#AA0011" }), HttpStatusCode.Created);
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PostAsJsonAsync("/api/tags", new { name }), "name");
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PostAsJsonAsync("/api/tags", new { name = "x" + name, color = "red" }), "color");

        var list = await agent.GetFromJsonAsync<JsonElement>("/api/tags");
        Assert.Contains(list.EnumerateArray(), t => t.GetProperty("id").GetInt32() == tag.GetProperty("id").GetInt32() && t.GetProperty("color").GetString() == "#aa0011");
    }

    [Fact]
    public async Task SetTags_ReplacesTheSet_RecordsWhatChanged_AndPushesIt()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, agentId);
        var a = await CreateTagAsync("a");
        var b = await CreateTagAsync("b");
        var c = await CreateTagAsync("c");

        await WorkDesk.JsonAsync(await agent.PutAsJsonAsync($"/api/interactions/{id}/tags", new { tagIds = new[] { a, b } }), HttpStatusCode.OK);
        var result = await WorkDesk.JsonAsync(await agent.PutAsJsonAsync($"/api/interactions/{id}/tags", new { tagIds = new[] { b, c } }), HttpStatusCode.OK);

        Assert.Equal([b, c], result.EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).Order());
        var shown = await WorkDesk.ContextAsync(agent, id);
        Assert.Equal([b, c], shown.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).Order());
        var history = (await desk.HistoryAsync(id)).Where(h => h.Action == "tags").ToList();
        Assert.Equal(2, history.Count);
        Assert.All(history, h => Assert.Equal(agentId, h.ActorUserId));
        Assert.Contains("-", history[1].Details, StringComparison.Ordinal);
        Assert.Contains(await desk.EventTypesAsync(id), e => e.StartsWith("InteractionChanged:", StringComparison.Ordinal) && e.Contains("\"tags\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetTags_WithAnUnknownTag_Is400_AndForAnAgentOfAnotherAccount_Is404()
    {
        var (account, _) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var (_, outsider) = await desk.UserAsync(other);
        var id = await desk.CustomerWritesAsync(account);
        var tag = await CreateTagAsync("ok");

        await WorkDesk.BadRequestNamingAsync(await agent.PutAsJsonAsync($"/api/interactions/{id}/tags", new { tagIds = new[] { tag, 999999 } }), "tagIds");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutAsJsonAsync($"/api/interactions/{id}/tags", new { tagIds = new[] { tag } })).StatusCode);
    }

    [Fact]
    public async Task MarkAsUnread_OnlyWhereTheAccountAllowsIt_AndReadClearsIt()
    {
        var (strict, _) = await desk.AccountAsync(markAsUnread: false);
        var (relaxed, _) = await desk.AccountAsync(markAsUnread: true);
        var (_, agent) = await desk.UserAsync(strict);
        var (_, relaxedAgent) = await desk.UserAsync(relaxed);
        var refused = await desk.CustomerWritesAsync(strict);
        var allowed = await desk.CustomerWritesAsync(relaxed);

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/interactions/{refused}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsync($"/api/interactions/{refused}/unread", null)).StatusCode);
        Assert.Equal(0, (await desk.InteractionAsync(refused)).UnreadCount);

        Assert.Equal(HttpStatusCode.NoContent, (await relaxedAgent.PostAsync($"/api/interactions/{allowed}/read", null)).StatusCode);
        Assert.Equal(0, (await desk.InteractionAsync(allowed)).UnreadCount);
        Assert.Equal(HttpStatusCode.NoContent, (await relaxedAgent.PostAsync($"/api/interactions/{allowed}/unread", null)).StatusCode);
        Assert.True((await desk.InteractionAsync(allowed)).UnreadCount > 0);
        Assert.Contains(await desk.HistoryAsync(allowed), h => h.Action == "marked-unread");
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsync($"/api/interactions/{allowed}/unread", null)).StatusCode);
    }

    private async Task<int> CreateTagAsync(string prefix)
    {
        var tag = await WorkDesk.JsonAsync(await desk.Admin.PostAsJsonAsync("/api/tags", new { name = prefix + "-" + Guid.NewGuid().ToString("N")[..8] }), HttpStatusCode.Created);
        return tag.GetProperty("id").GetInt32();
    }
}
