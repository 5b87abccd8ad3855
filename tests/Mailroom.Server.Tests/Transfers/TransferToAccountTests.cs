using System.Net;
using System.Net.Http.Json;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Transfers;

public sealed class TransferToAccountTests : IClassFixture<TransferToAccountTests.App>
{
    private readonly MailroomApp _server;

    public TransferToAccountTests(App app) => _server = app.Server;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new(settings: new Dictionary<string, string?> { ["Mailroom:Inbound:Enabled"] = "false" });

        public void Dispose() => Server.Dispose();
    }

    [Fact]
    public async Task Transfer_WhenTheSourceAccountDoesNotAllowIt_Answers409WithTheReason()
    {
        var admin = await _server.AdminClientAsync();
        var from = await CreateAccountAsync(admin, enabled: false);
        var to = await CreateAccountAsync(admin, enabled: true);
        var id = await SeedInteractionAsync(from);

        var response = await admin.PostAsJsonAsync($"/api/interactions/{id}/transfer/account", new { accountId = to });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("not enabled", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_KeepsIdAndCreation_RemembersThePreviousAccount_AndLeavesItUnreadAndUnassigned()
    {
        var admin = await _server.AdminClientAsync();
        var from = await CreateAccountAsync(admin, enabled: true);
        var to = await CreateAccountAsync(admin, enabled: true);
        var (agentId, agent) = await _server.CreateUserAsync(admin);
        await AddMemberAsync(admin, from, agentId);
        await AddMemberAsync(admin, to, agentId);
        var id = await SeedInteractionAsync(from, assignedTo: agentId, queueId: null);
        var before = await LoadAsync(id);

        var response = await agent.PostAsJsonAsync($"/api/interactions/{id}/transfer/account", new { accountId = to });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await LoadAsync(id);
        Assert.Equal((id, before.CreatedAt), (after.Id, after.CreatedAt));
        Assert.Equal(to, after.AccountId);
        Assert.Equal(from, after.TransferAccountId);
        Assert.NotNull(after.TransferredAt);
        Assert.Null(after.AssignedUserId);
        Assert.True(after.UnreadCount > 0);
        using var scope = _server.Services.CreateScope();
        var history = await scope.ServiceProvider.GetRequiredService<MailroomDb>().History.Where(h => h.InteractionId == id).ToListAsync();
        Assert.Contains(history, h => h.Action == "transferred-to-account" && h.ActorUserId == agentId);
    }

    [Fact]
    public async Task Transfer_IntoAnAccountTheAgentIsNotIn_IsRefused_AndOutOfOneItCannotSee_Is404()
    {
        var admin = await _server.AdminClientAsync();
        var mine = await CreateAccountAsync(admin, enabled: true);
        var foreign = await CreateAccountAsync(admin, enabled: true);
        var (agentId, agent) = await _server.CreateUserAsync(admin);
        await AddMemberAsync(admin, mine, agentId);
        var inMine = await SeedInteractionAsync(mine);
        var inForeign = await SeedInteractionAsync(foreign);

        var into = await agent.PostAsJsonAsync($"/api/interactions/{inMine}/transfer/account", new { accountId = foreign });
        var outOf = await agent.PostAsJsonAsync($"/api/interactions/{inForeign}/transfer/account", new { accountId = mine });

        Assert.Equal(HttpStatusCode.BadRequest, into.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outOf.StatusCode);
        Assert.Equal(mine, (await LoadAsync(inMine)).AccountId);
    }

    [Fact]
    public async Task Transfer_TwoAtOnceOfTheSameInteraction_OneSucceedsAndTheOtherGets409()
    {
        var admin = await _server.AdminClientAsync();
        var from = await CreateAccountAsync(admin, enabled: true);
        var b = await CreateAccountAsync(admin, enabled: true);
        var c = await CreateAccountAsync(admin, enabled: true);
        var id = await SeedInteractionAsync(from);
        var version = (await LoadAsync(id)).Version;

        var responses = await Task.WhenAll(
            admin.PostAsJsonAsync($"/api/interactions/{id}/transfer/account", new { accountId = b, expectedVersion = version }),
            admin.PostAsJsonAsync($"/api/interactions/{id}/transfer/account", new { accountId = c, expectedVersion = version }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await CountHistoryAsync(id, "transferred-to-account"));
    }

    private Task<Interaction> LoadAsync(long id) => TransferApi.LoadAsync(_server, id);

    private async Task<int> CountHistoryAsync(long id, string action)
    {
        using var scope = _server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MailroomDb>().History.CountAsync(h => h.InteractionId == id && h.Action == action);
    }

    private Task<long> SeedInteractionAsync(int accountId, int? assignedTo = null, int? queueId = null) =>
        TransferApi.SeedInteractionAsync(_server, accountId, assignedTo, queueId);

    private static Task<int> CreateAccountAsync(HttpClient admin, bool enabled) => TransferApi.CreateAccountAsync(admin, new { accountTransferEnabled = enabled });

    private static Task AddMemberAsync(HttpClient admin, int accountId, int userId) => TransferApi.AddMemberAsync(admin, accountId, userId);
}
