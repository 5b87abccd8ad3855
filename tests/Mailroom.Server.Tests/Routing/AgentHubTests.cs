using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Mailroom.Core.Accounts;
using Mailroom.Core.AgentPresence;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Queues;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Routing;

/// <summary>Agents' live connection: offers arrive over SignalR, accept goes over REST, reconnects lose nothing.</summary>
public sealed class AgentHubTests : IClassFixture<AgentHubTests.App>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly App _app;

    public AgentHubTests(App app) => _app = app;

    public sealed class App : IDisposable
    {
        // A short grace, so a lost connection is seen within a test.
        public MailroomApp Server { get; } = new(realSocket: true, settings: new Dictionary<string, string?> { ["Mailroom:Presence:ConnectionGraceSeconds"] = "3" });

        public void Dispose() => Server.Dispose();
    }

    [Fact]
    public async Task InteractionCreated_AgentsOnline_BothReceiveTheOfferAndOnlyOneAcceptWins()
    {
        var (accountId, a, b) = await TeamAsync();
        await using var hubA = await ConnectAsync(a.Client);
        await using var hubB = await ConnectAsync(b.Client);

        var interactionId = await NewInteractionAsync(accountId);

        var offerA = await hubA.NextAsync("OfferCreated", e => e.InteractionId == interactionId);
        var offerB = await hubB.NextAsync("OfferCreated", e => e.InteractionId == interactionId);
        Assert.Equal(a.Id, offerA.UserId);
        Assert.True(offerA.Payload.GetProperty("sound").GetBoolean());
        var accept = await a.Client.PostAsync($"/api/offers/{offerA.Payload.GetProperty("offerId").GetInt64()}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        var late = await b.Client.PostAsync($"/api/offers/{offerB.Payload.GetProperty("offerId").GetInt64()}/accept", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("taken by somebody else", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var withdrawn = await hubB.NextAsync("OfferWithdrawn", e => e.InteractionId == interactionId);
        Assert.Equal("taken", withdrawn.Payload.GetProperty("why").GetString());
        await hubB.NextAsync("InteractionAssigned", e => e.InteractionId == interactionId);
    }

    [Fact]
    public async Task CatchUp_AfterADisconnect_DeliversWhatWasMissedAndNothingOfOtherAccounts()
    {
        var (accountId, a, _) = await TeamAsync();
        var (otherAccountId, _, _) = await TeamAsync();
        long lastSeen;
        await using (var hub = await ConnectAsync(a.Client))
        {
            var first = await NewInteractionAsync(accountId);
            lastSeen = (await hub.NextAsync("OfferCreated", e => e.InteractionId == first)).Sequence;
        }

        var missed = await NewInteractionAsync(accountId);
        var foreign = await NewInteractionAsync(otherAccountId);
        await WaitForOfferAsync(missed);

        await using var again = await ConnectAsync(a.Client);
        var caughtUp = await again.Connection.InvokeAsync<List<LiveHubClient.LiveEventDto>>("CatchUp", lastSeen);

        Assert.Contains(caughtUp, e => e.Type == "OfferCreated" && e.InteractionId == missed && e.UserId == a.Id);
        Assert.Contains(caughtUp, e => e.Type == "InteractionCreated" && e.InteractionId == missed);
        Assert.DoesNotContain(caughtUp, e => e.InteractionId == foreign);
        Assert.All(caughtUp, e => Assert.True(e.Sequence > lastSeen));
        Assert.Equal(caughtUp.Select(e => e.Sequence).Order(), caughtUp.Select(e => e.Sequence));
    }

    [Fact]
    public async Task WatchAccount_Supervisor_ReceivesLiveCountersAndAgentsAreRefused()
    {
        var (accountId, a, _) = await TeamAsync();
        var supervisor = await _app.Server.CreateUserAsync(await _app.Server.AdminClientAsync(), role: "supervisor");
        await using (var scope = _app.Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
            db.AccountMembers.Add(new AccountMember { AccountId = accountId, UserId = supervisor.Id });
            await db.SaveChangesAsync();
        }

        await using var board = await ConnectAsync(supervisor.Client);
        var counters = Channel.CreateUnbounded<JsonElement>();
        board.Connection.On<JsonElement>("counters", c => counters.Writer.TryWrite(c));
        var first = await board.Connection.InvokeAsync<JsonElement>("WatchAccount", accountId);
        Assert.Equal(0, first.GetProperty("open").GetInt32());

        await NewInteractionAsync(accountId);

        using var timeout = new CancellationTokenSource(Patience);
        JsonElement latest;
        do
        {
            latest = await counters.Reader.ReadAsync(timeout.Token);
        }
        while (latest.GetProperty("open").GetInt32() != 1 || latest.GetProperty("agents").EnumerateArray().Sum(x => x.GetProperty("openOffers").GetInt32()) != 2);

        Assert.Equal(accountId, latest.GetProperty("accountId").GetInt32());
        Assert.Equal(1, latest.GetProperty("unassigned").GetInt32());
        Assert.Contains(latest.GetProperty("agents").EnumerateArray(), x => x.GetProperty("userId").GetInt32() == a.Id && x.GetProperty("presence").GetString() == "online");
        await using var agentHub = await ConnectAsync(a.Client);
        await Assert.ThrowsAsync<HubException>(() => agentHub.Connection.InvokeAsync<JsonElement>("WatchAccount", accountId));
    }

    [Fact]
    public async Task LastConnectionGone_AfterTheGrace_AgentGoesOfflineForConnectionLostAndTheOfferMovesOn()
    {
        var (accountId, a, b) = await TeamAsync();
        await using (var scope = _app.Server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MailroomDb>().Queues.Where(q => q.Accounts.Any(x => x.AccountId == accountId))
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.Strategy, RoutingStrategy.LeastRecent));
        }

        var hubA = await ConnectAsync(a.Client);
        var hubB = await ConnectAsync(b.Client);
        var interactionId = await NewInteractionAsync(accountId);
        await WaitForOfferAsync(interactionId);
        var first = await OpenOfferAsync(interactionId);
        var (gone, stays, other) = first == a.Id ? (hubA, hubB, b.Id) : (hubB, hubA, a.Id);

        await gone.DisposeAsync();

        // Everyone sees it live (supervisors' boards and the other agents' presence lists).
        var offline = await stays.NextAsync("PresenceChanged", e => e.Payload.GetProperty("userId").GetInt32() == first);
        Assert.Equal((int)Core.Users.Presence.Offline, offline.Payload.GetProperty("presence").GetInt32());
        Assert.Equal("connection lost", offline.Payload.GetProperty("reason").GetString());
        var moved = await stays.NextAsync("OfferCreated", e => e.InteractionId == interactionId);
        Assert.Equal(other, moved.UserId);
        await stays.DisposeAsync();
    }

    [Fact]
    public async Task Connect_WithoutAToken_IsRefused()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(_app.Server.BaseAddress, "/hubs/agent")).Build();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private async Task<(int AccountId, (int Id, HttpClient Client) A, (int Id, HttpClient Client) B)> TeamAsync()
    {
        var admin = await _app.Server.AdminClientAsync();
        var a = await _app.Server.CreateUserAsync(admin);
        var b = await _app.Server.CreateUserAsync(admin);
        await using var scope = _app.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var key = "K" + Guid.NewGuid().ToString("N")[..4];
        var account = new EmailAccount { Name = key, Key = key, Address = $"{key}@example.test" };
        account.Members.AddRange([new AccountMember { UserId = a.Id }, new AccountMember { UserId = b.Id }]);
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        var queue = new MailQueue { Name = key, Strategy = RoutingStrategy.RingAll };
        queue.Members.AddRange([new QueueMember { UserId = a.Id }, new QueueMember { UserId = b.Id }]);
        queue.Accounts.Add(new QueueAccount { AccountId = account.Id });
        db.Queues.Add(queue);
        await db.SaveChangesAsync();
        foreach (var agent in new[] { a, b })
        {
            (await agent.Client.PutAsJsonAsync("/api/me/presence", new { presence = "online" }, MailroomApp.Json)).EnsureSuccessStatusCode();
        }

        return (account.Id, a, b);
    }

    // What inbound ingestion does when mail arrives.
    private async Task<long> NewInteractionAsync(int accountId)
    {
        await using var scope = _app.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var interaction = new Interaction { AccountId = accountId, Subject = "Where is my parcel?", CreatedAt = now, LastActivityAt = now };
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync();
        db.Append(new InteractionCreated(interaction.Id, accountId), now, accountId, interaction.Id);
        await db.SaveChangesAsync();
        return interaction.Id;
    }

    private async Task WaitForOfferAsync(long interactionId)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < Patience)
        {
            await using var scope = _app.Server.Services.CreateAsyncScope();
            if (scope.ServiceProvider.GetRequiredService<MailroomDb>().Offers.Any(o => o.InteractionId == interactionId))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"No offer for interaction {interactionId}");
    }

    private async Task<int> OpenOfferAsync(long interactionId)
    {
        await using var scope = _app.Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailroomDb>().Offers
            .Where(o => o.InteractionId == interactionId && o.State == Core.Routing.OfferState.Open).Select(o => o.UserId).SingleAsync();
    }

    private Task<LiveHubClient> ConnectAsync(HttpClient client) => LiveHubClient.ConnectAsync(_app.Server, client, Patience);
}
