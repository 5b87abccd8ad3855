using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Storage;
using Mailroom.Server.Tests.Integration.Inbound;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Mailroom.Server.Tests.Transfers.TransferApi;

namespace Mailroom.Server.Tests.Integration.EndToEnd;

/// <summary>
/// Issue 21 end to end, on the real Dovecot and the real clock: customer mail that breaches its first-response target
/// tells the supervisor live, raises its priority and goes to the overflow queue; parked work frees its agent's slot and
/// comes back to them at the due time.
/// </summary>
[Collection(MailServerCollection.Name)]
public sealed class ServiceLevelScenarioTests
{
    private const string Support = "support@example.test";
    private const string Customer = "customer@customer.test";

    [Fact]
    public async Task CustomerMailBreachesFirstResponse_SupervisorToldLive_PriorityRises_OverflowQueueOffered()
    {
        await LocalMail.ControlAsync("reset", Support);
        await using var harness = await InboundHarness.StartAsync(Support, realSocket: true);
        var (app, admin, account) = (harness.App!, harness.Admin, harness.AccountId);
        var (ringingId, ringing) = await MemberAsync(harness, "agent");
        var (overflowId, overflow) = await MemberAsync(harness, "agent");
        var (_, supervisor) = await MemberAsync(harness, "supervisor");
        await PostAsync(admin, "/api/queues", new { name = "Front " + account, agentTimeoutSeconds = 3600, members = new[] { new { userId = ringingId } }, accountIds = new[] { account } });
        var overflowQueue = await PostAsync(admin, "/api/queues", new { name = "Overflow " + account, members = new[] { new { userId = overflowId } } });
        await PostAsync(admin, "/api/sla-policies", new
        {
            name = "Answer within a minute",
            accountId = account,
            firstResponseMinutes = 1,
            atRiskPercent = 50,
            breach = new { notifySupervisors = true, raisePriorityTo = 8, overflowQueueId = overflowQueue },
        });
        await OnlineAsync(ringing);
        await OnlineAsync(overflow);
        await using var board = await LiveHubClient.ConnectAsync(app, supervisor, TimeSpan.FromSeconds(120));
        var marker = Guid.NewGuid().ToString("N");

        await LocalMail.SendAsync(LocalMail.Compose(Customer, Support, $"No answer yet {marker}", "Hello?"));
        var id = (await harness.WaitForMessagesAsync(marker)).Single().InteractionId;
        var arrived = Stopwatch.StartNew();
        await OfferAsync(ringing, id);

        var alert = await board.NextAsync("ServiceLevelAlert", e => e.InteractionId == id && e.Payload.GetProperty("mark").GetString() == "breached");
        Assert.True(arrived.Elapsed > TimeSpan.FromSeconds(55), $"breached after {arrived.Elapsed}, before its minute");
        Assert.Contains(marker, alert.Payload.GetProperty("subject").GetString(), StringComparison.Ordinal);
        await OfferAsync(overflow, id);
        var context = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/context")).GetProperty("interaction");
        Assert.Equal(8, context.GetProperty("priority").GetInt32());
        Assert.DoesNotContain((await ringing.GetFromJsonAsync<JsonElement>("/api/me/offers")).EnumerateArray(), o => o.GetProperty("interactionId").GetInt64() == id);
    }

    [Fact]
    public async Task Parking_FreesTheAgentsOnlySlot_AndTheInteractionComesBackToThemAtTheDueTime()
    {
        await LocalMail.ControlAsync("reset", Support);
        await using var harness = await InboundHarness.StartAsync(Support);
        var (admin, account) = (harness.Admin, harness.AccountId);
        var (agentId, agent) = await MemberAsync(harness, "agent");
        await using (var scope = harness.App!.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MailroomDb>().Users.Where(u => u.Id == agentId).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailCapacity, 1));
        }

        await PostAsync(admin, "/api/queues", new { name = "Only " + account, agentTimeoutSeconds = 3600, members = new[] { new { userId = agentId } }, accountIds = new[] { account } });
        await OnlineAsync(agent);
        var marker = Guid.NewGuid().ToString("N");
        await LocalMail.SendAsync(LocalMail.Compose(Customer, Support, $"First {marker}", "Order 1"));
        var first = (await harness.WaitForMessagesAsync($"First {marker}")).Single().InteractionId;
        (await agent.PostAsync($"/api/offers/{await OfferAsync(agent, first)}/accept", null)).EnsureSuccessStatusCode();

        // The shortest park there is: a minute.
        var until = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(62);
        (await agent.PutAsJsonAsync($"/api/interactions/{first}/park", new { until })).EnsureSuccessStatusCode();
        await LocalMail.SendAsync(LocalMail.Compose(Customer, Support, $"Second {marker}", "Order 2"));
        var second = (await harness.WaitForMessagesAsync($"Second {marker}")).Single().InteractionId;

        // Offered although the agent owns one already: the parked one holds no slot.
        (await agent.PostAsync($"/api/offers/{await OfferAsync(agent, second)}/reject", null)).EnsureSuccessStatusCode();
        var back = await OfferAsync(agent, first, TimeSpan.FromSeconds(90));
        Assert.True(TimeProvider.System.GetUtcNow().UtcDateTime >= until.AddSeconds(-1), "offered back before the due time");
        var offer = (await agent.GetFromJsonAsync<JsonElement>("/api/me/offers")).EnumerateArray().Single(o => o.GetProperty("id").GetInt64() == back);
        Assert.Equal("sticky", offer.GetProperty("reason").GetString());
        var context = (await agent.GetFromJsonAsync<JsonElement>($"/api/interactions/{first}/context")).GetProperty("interaction");
        Assert.Equal(JsonValueKind.Null, context.GetProperty("parkedAt").ValueKind);
    }

    private static async Task<(int Id, HttpClient Client)> MemberAsync(InboundHarness harness, string role)
    {
        var (id, client) = await harness.App!.CreateUserAsync(harness.Admin, role);
        (await harness.Admin.PostAsync($"/api/accounts/{harness.AccountId}/members/{id}", null)).EnsureSuccessStatusCode();
        return (id, client);
    }

    private static async Task<int> PostAsync(HttpClient admin, string path, object body)
    {
        var response = await admin.PostAsJsonAsync(path, body, MailroomApp.Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}
