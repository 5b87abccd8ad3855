using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Server.Tests.Integration.Inbound;
using Mailroom.TestSupport;
using static Mailroom.Server.Tests.Transfers.TransferApi;

namespace Mailroom.Server.Tests.Integration.EndToEnd;

/// <summary>
/// Issue 21 end to end, on the real Dovecot and the real clock: customer mail that breaches its first-response target
/// tells the supervisor live, raises its priority and goes to the overflow queue.
/// Its own mailbox (sla@example.test), so it waits out its real-clock minute beside the other tests rather than in the
/// mail-server collection.
/// </summary>
public sealed class FirstResponseBreachScenarioTests
{
    private const string Support = "sla@example.test";
    private const string Customer = "customer@customer.test";

    [Fact]
    public async Task CustomerMailBreachesFirstResponse_SupervisorToldLive_PriorityRises_OverflowQueueOffered()
    {
        await using var harness = await InboundHarness.StartAsync(Support, realSocket: true);
        var (app, admin, account) = (harness.App!, harness.Admin, harness.AccountId);
        var (ringingId, ringing) = await ScenarioDesk.MemberAsync(harness, "agent");
        var (overflowId, overflow) = await ScenarioDesk.MemberAsync(harness, "agent");
        var (_, supervisor) = await ScenarioDesk.MemberAsync(harness, "supervisor");
        await ScenarioDesk.PostAsync(admin, "/api/queues", new { name = "Front " + account, agentTimeoutSeconds = 3600, members = new[] { new { userId = ringingId } }, accountIds = new[] { account } });
        var overflowQueue = await ScenarioDesk.PostAsync(admin, "/api/queues", new { name = "Overflow " + account, members = new[] { new { userId = overflowId } } });
        await ScenarioDesk.PostAsync(admin, "/api/sla-policies", new
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
}
