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
/// Issue 21 end to end, on the real Dovecot and the real clock: parked work frees its agent's slot and comes back to
/// them at the due time.
/// Its own mailbox (parking@example.test), so it waits out its real-clock minute beside the other tests rather than in the
/// mail-server collection.
/// </summary>
public sealed class ParkingScenarioTests
{
    private const string Support = "parking@example.test";
    private const string Customer = "customer@customer.test";

    [Fact]
    public async Task Parking_FreesTheAgentsOnlySlot_AndTheInteractionComesBackToThemAtTheDueTime()
    {
        await using var harness = await InboundHarness.StartAsync(Support);
        var (admin, account) = (harness.Admin, harness.AccountId);
        var (agentId, agent) = await ScenarioDesk.MemberAsync(harness, "agent");
        await using (var scope = harness.App!.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MailroomDb>().Users.Where(u => u.Id == agentId).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailCapacity, 1));
        }

        await ScenarioDesk.PostAsync(admin, "/api/queues", new { name = "Only " + account, agentTimeoutSeconds = 3600, members = new[] { new { userId = agentId } }, accountIds = new[] { account } });
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
}
