using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Server.Tests.Transfers;
using Mailroom.TestSupport;
using static Mailroom.Server.Tests.Transfers.TransferApi;

namespace Mailroom.Server.Tests.Search;

/// <summary>The interactions list as an agent pages through it: how many there are, and who has waited longest.</summary>
public sealed class InteractionListApiTests(TransferToAccountTests.App app) : IClassFixture<TransferToAccountTests.App>
{
    private readonly MailroomApp _server = app.Server;

    [Fact]
    public async Task List_SaysHowManyRowsTheWholeListHas_BeyondThePageItReturns()
    {
        var (account, (_, agent), _) = await TwoAgentsAsync(_server);
        foreach (var minutes in new[] { 10, 180, 1 })
        {
            await Seed.InteractionAsync(_server, account, $"Asked {minutes} min ago", age: TimeSpan.FromMinutes(minutes));
        }

        var response = await agent.GetAsync($"/api/interactions?accountId={account}&pageSize=2");

        response.EnsureSuccessStatusCode();
        Assert.Equal("3", response.Headers.GetValues("X-Total-Count").Single());
        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(["Asked 1 min ago", "Asked 10 min ago"], rows.Select(r => r.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task LongestWaitingOrder_PutsTheCustomerWhoWaitedLongestFirst_AndAnsweredOnesLast()
    {
        var (account, (agentId, agent), _) = await TwoAgentsAsync(_server);
        var answered = await Seed.InteractionAsync(_server, account, "Answered long ago", age: TimeSpan.FromHours(9));
        await Seed.InteractionAsync(_server, account, "Waiting 2 h", age: TimeSpan.FromHours(2));
        await Seed.InteractionAsync(_server, account, "Waiting 5 min", age: TimeSpan.FromMinutes(5));
        await Seed.InteractionAsync(_server, account, "Waiting 4 h", age: TimeSpan.FromHours(4));
        var admin = await _server.AdminClientAsync();
        (await admin.PostAsJsonAsync($"/api/interactions/{answered}/assign", new { userId = agentId })).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/interactions/{answered}/reply", new { body = "<p>Done.</p>" })).EnsureSuccessStatusCode();

        var rows = (await agent.GetFromJsonAsync<JsonElement>($"/api/interactions?accountId={account}&order=longestWaiting")).EnumerateArray().ToList();

        Assert.Equal(["Waiting 4 h", "Waiting 2 h", "Waiting 5 min", "Answered long ago"], rows.Select(r => r.GetProperty("subject").GetString()));
        Assert.Equal(JsonValueKind.Null, rows[^1].GetProperty("waitingSince").ValueKind);
        Assert.True(rows[0].GetProperty("waitingSince").GetDateTime() < rows[1].GetProperty("waitingSince").GetDateTime());
    }

    [Fact]
    public async Task AnOrderTheListDoesNotKnow_Is400()
    {
        var (_, (_, agent), _) = await TwoAgentsAsync(_server);

        var response = await agent.GetAsync("/api/interactions?order=sideways");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
