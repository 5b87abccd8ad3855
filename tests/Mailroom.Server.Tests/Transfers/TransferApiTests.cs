using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Mailroom.Server.Tests.Transfers.TransferApi;

namespace Mailroom.Server.Tests.Transfers;

/// <summary>Transfers to a queue, an agent and groups through the REST API: answers, reasons, lists and who may do what.</summary>
public sealed class TransferApiTests : IClassFixture<TransferToAccountTests.App>
{
    private readonly MailroomApp _server;

    public TransferApiTests(TransferToAccountTests.App app) => _server = app.Server;

    [Fact]
    public async Task ToQueue_WhereTheAccountDoesNotAllowIt_Answers409WithTheReason()
    {
        var admin = await _server.AdminClientAsync();
        var account = await CreateAccountAsync(admin, new { toQueueAllowed = false });
        var queue = await CreateGroupAsync(admin, []);
        var id = await SeedInteractionAsync(_server, account);

        var response = await admin.PostAsJsonAsync($"/api/interactions/{id}/transfer/queue", new { queueId = queue });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("notAllowedByAccount", await ReasonAsync(response));
    }

    [Fact]
    public async Task ToAgent_OfflineAgentIsRefused_OnlineAgentGetsATransferOffer()
    {
        var (account, (senderId, sender), (targetId, target)) = await TwoAgentsAsync(_server);
        var id = await SeedInteractionAsync(_server, account, assignedTo: senderId);

        var offline = await sender.PostAsJsonAsync($"/api/interactions/{id}/transfer/agent", new { userId = targetId });
        await OnlineAsync(target);
        var online = await sender.PostAsJsonAsync($"/api/interactions/{id}/transfer/agent", new { userId = targetId });

        Assert.Equal("agentNotAvailable", await ReasonAsync(offline));
        Assert.Equal(HttpStatusCode.OK, online.StatusCode);
        var offer = await PollAsync(async () => (await target.GetFromJsonAsync<JsonElement>("/api/me/offers")).EnumerateArray()
            .Cast<JsonElement?>().FirstOrDefault(o => o!.Value.GetProperty("interactionId").GetInt64() == id));
        Assert.Equal("transfer", offer.GetProperty("reason").GetString());
        var accepted = await target.PostAsync($"/api/offers/{offer.GetProperty("id").GetInt64()}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var hops = await sender.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/transfers");
        Assert.Equal("accepted", hops[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task ToAgent_AgentAtCapacity_IsRefusedAtOnceInsteadOfAnOfferThatNeverComes()
    {
        var (account, (senderId, sender), (targetId, target)) = await TwoAgentsAsync(_server);
        await OnlineAsync(target);
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MailroomDb>().Users.Where(u => u.Id == targetId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailCapacity, 1));
        }

        await SeedInteractionAsync(_server, account, assignedTo: targetId);
        var id = await SeedInteractionAsync(_server, account, assignedTo: senderId);

        var response = await sender.PostAsJsonAsync($"/api/interactions/{id}/transfer/agent", new { userId = targetId });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("agentFull", await ReasonAsync(response));
        Assert.Equal(senderId, (await LoadAsync(_server, id)).AssignedUserId);
    }

    [Fact]
    public async Task GroupBatch_ReportsPerItem_IncludingInteractionsTheActorCannotSee()
    {
        var admin = await _server.AdminClientAsync();
        var mine = await CreateAccountAsync(admin, new { });
        var foreign = await CreateAccountAsync(admin, new { });
        var noRule = await CreateAccountAsync(admin, new { });
        var (agentId, agent) = await _server.CreateUserAsync(admin);
        var (memberId, member) = await _server.CreateUserAsync(admin);
        foreach (var (a, u) in new[] { (mine, agentId), (mine, memberId), (noRule, agentId), (noRule, memberId) })
        {
            await AddMemberAsync(admin, a, u);
        }

        await OnlineAsync(member);
        var group = await CreateGroupAsync(admin, [memberId], mine, foreign);
        var ok = await SeedInteractionAsync(_server, mine, assignedTo: agentId);
        var invisible = await SeedInteractionAsync(_server, foreign);
        var withoutRule = await SeedInteractionAsync(_server, noRule, assignedTo: agentId);

        var response = await agent.PostAsJsonAsync("/api/transfers/group", new { interactionIds = new[] { ok, invisible, withoutRule }, groupId = group, memberId });
        var single = await agent.PostAsJsonAsync($"/api/interactions/{withoutRule}/transfer/group", new { groupId = group });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([true, false, false], items.Select(i => i.GetProperty("transferred").GetBoolean()));
        Assert.Equal(["notFound", "noRoutingRule"], items.Skip(1).Select(i => i.GetProperty("reason").GetString()));
        Assert.Equal(memberId, (await LoadAsync(_server, ok)).AssignedUserId);
        Assert.Null((await LoadAsync(_server, invisible)).AssignedUserId);
        Assert.Equal(HttpStatusCode.Conflict, single.StatusCode);
        Assert.Equal("noRoutingRule", await ReasonAsync(single));
        var transferred = await agent.GetFromJsonAsync<JsonElement>("/api/transfers/mine");
        Assert.Equal([ok], transferred.EnumerateArray().Select(r => r.GetProperty("interactionId").GetInt64()));
    }

    [Fact]
    public async Task TransferTargets_ListOnlyActiveAccountsTheAgentSees_AndNothingWhenAccountTransferIsOff()
    {
        var admin = await _server.AdminClientAsync();
        var from = await CreateAccountAsync(admin, new { accountTransferEnabled = true });
        var seen = await CreateAccountAsync(admin, new { });
        var unseen = await CreateAccountAsync(admin, new { });
        var off = await CreateAccountAsync(admin, new { accountTransferEnabled = false });
        var (agentId, agent) = await _server.CreateUserAsync(admin);
        foreach (var a in new[] { from, seen, off })
        {
            await AddMemberAsync(admin, a, agentId);
        }

        var id = await SeedInteractionAsync(_server, from);
        var closedOff = await SeedInteractionAsync(_server, off);

        var accounts = await agent.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/transfer/accounts");
        var none = await agent.GetFromJsonAsync<JsonElement>($"/api/interactions/{closedOff}/transfer/accounts");

        var ids = accounts.EnumerateArray().Select(a => a.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(seen, ids);
        Assert.Contains(off, ids);
        Assert.DoesNotContain(unseen, ids);
        Assert.DoesNotContain(from, ids);
        Assert.Empty(none.EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/interactions/{await SeedInteractionAsync(_server, unseen)}/transfer/targets")).StatusCode);
    }

    [Fact]
    public async Task ToQueue_OutOfAnAccountTheAgentCannotSee_Is404_AndUnassignedIsForSupervisorsOnly()
    {
        var admin = await _server.AdminClientAsync();
        var foreign = await CreateAccountAsync(admin, new { toQueueAllowed = true });
        var queue = await CreateGroupAsync(admin, [], foreign);
        var (_, agent) = await _server.CreateUserAsync(admin);
        var id = await SeedInteractionAsync(_server, foreign);

        var response = await agent.PostAsJsonAsync($"/api/interactions/{id}/transfer/queue", new { queueId = queue });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/transfers/unassigned")).StatusCode);
        var unassigned = await admin.GetFromJsonAsync<JsonElement>($"/api/transfers/unassigned?accountId={foreign}");
        Assert.Equal([id], unassigned.EnumerateArray().Select(r => r.GetProperty("interactionId").GetInt64()));
    }

    [Fact]
    public async Task ToQueue_TwoSupervisorsAtOnce_OneSucceedsAndTheOtherGets409()
    {
        var admin = await _server.AdminClientAsync();
        var account = await CreateAccountAsync(admin, new { toQueueAllowed = true });
        var queueA = await CreateGroupAsync(admin, [], account);
        var queueB = await CreateGroupAsync(admin, [], account);
        var id = await SeedInteractionAsync(_server, account);
        var version = (await LoadAsync(_server, id)).Version;
        var other = await _server.AdminClientAsync();

        var responses = await Task.WhenAll(
            admin.PostAsJsonAsync($"/api/interactions/{id}/transfer/queue", new { queueId = queueA, expectedVersion = version }),
            other.PostAsJsonAsync($"/api/interactions/{id}/transfer/queue", new { queueId = queueB, expectedVersion = version }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var hops = await admin.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/transfers");
        Assert.Single(hops.EnumerateArray());
    }

    private static async Task<JsonElement> PollAsync(Func<Task<JsonElement?>> read)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await read() is { } found)
            {
                return found;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "nothing arrived in time");
            await Task.Delay(50);
        }
    }
}
