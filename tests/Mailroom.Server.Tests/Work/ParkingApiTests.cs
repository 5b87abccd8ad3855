using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mailroom.Server.Tests.Work;

/// <summary>Parking through the API, as the agent who owns the interaction: the list and context say so, a colleague may not.</summary>
public sealed class ParkingApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task Park_ByTheOwner_ShowsInListAndContext_AndTakeBackEndsIt()
    {
        var (account, _) = await desk.AccountAsync();
        var (ownerId, owner) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, ownerId);
        var until = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(3);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.PutAsJsonAsync($"/api/interactions/{id}/park", new { until })).StatusCode);

        var context = await WorkDesk.ContextAsync(owner, id);
        Assert.Equal(until, context.GetProperty("parkedUntil").GetDateTime(), TimeSpan.FromSeconds(1));
        var row = (await owner.GetFromJsonAsync<JsonElement>($"/api/interactions?accountId={account}")).EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == id);
        Assert.NotEqual(JsonValueKind.Null, row.GetProperty("parkedAt").ValueKind);
        Assert.Contains(await desk.HistoryAsync(id), h => h.Action == "parked" && h.ActorUserId == ownerId);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/interactions/{id}/park")).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await WorkDesk.ContextAsync(owner, id)).GetProperty("parkedAt").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.DeleteAsync($"/api/interactions/{id}/park")).StatusCode);
    }

    [Fact]
    public async Task Park_AColleaguesInteraction_IsForbidden_AndBadTimesNameUntil()
    {
        var (account, _) = await desk.AccountAsync();
        var (ownerId, owner) = await desk.UserAsync(account);
        var (_, colleague) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, ownerId);

        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PutAsJsonAsync($"/api/interactions/{id}/park", new { untilCustomerWrites = true })).StatusCode);
        await WorkDesk.BadRequestNamingAsync(await owner.PutAsJsonAsync($"/api/interactions/{id}/park", new { until = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-1) }), "until");
        await WorkDesk.BadRequestNamingAsync(await owner.PutAsJsonAsync($"/api/interactions/{id}/park", new { }), "until");
        await WorkDesk.BadRequestNamingAsync(await owner.PutAsJsonAsync($"/api/interactions/{id}/park", new { until = "tomorrow" }), "until");
        Assert.Null((await desk.InteractionAsync(id)).ParkedAt);
    }
}
