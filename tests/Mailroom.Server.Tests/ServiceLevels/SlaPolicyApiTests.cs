using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Server.Tests.Work;

namespace Mailroom.Server.Tests.ServiceLevels;

public sealed class SlaPolicyApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task Supervisor_ManagesPoliciesOfOwnAccount_AndNeverSeesAnotherAccounts()
    {
        var (mine, _) = await desk.AccountAsync();
        var (theirs, _) = await desk.AccountAsync();
        var (_, supervisor) = await desk.UserAsync(mine, "supervisor");
        var (_, otherSupervisor) = await desk.UserAsync(theirs, "supervisor");
        var (_, agent) = await desk.UserAsync(mine);

        var created = await WorkDesk.JsonAsync(await supervisor.PostAsJsonAsync("/api/sla-policies", Policy("Mine " + mine, mine)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var theirsPolicy = await WorkDesk.JsonAsync(await otherSupervisor.PostAsJsonAsync("/api/sla-policies", Policy("Theirs " + theirs, theirs)), HttpStatusCode.Created);

        var listed = await supervisor.GetFromJsonAsync<JsonElement>("/api/sla-policies");
        Assert.Contains(listed.EnumerateArray(), p => p.GetProperty("id").GetInt32() == id);
        Assert.DoesNotContain(listed.EnumerateArray(), p => p.GetProperty("accountId").ValueKind == JsonValueKind.Number && p.GetProperty("accountId").GetInt32() == theirs);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PutAsJsonAsync($"/api/sla-policies/{theirsPolicy.GetProperty("id").GetInt32()}", Policy("Taken", mine))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.DeleteAsync($"/api/sla-policies/{theirsPolicy.GetProperty("id").GetInt32()}")).StatusCode);
        await WorkDesk.BadRequestNamingAsync(await supervisor.PostAsJsonAsync("/api/sla-policies", Policy("Sneaky", theirs)), "accountId");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/sla-policies")).StatusCode);

        var updated = await WorkDesk.JsonAsync(await supervisor.PutAsJsonAsync($"/api/sla-policies/{id}", Policy("Mine " + mine, mine, firstResponse: 30)), HttpStatusCode.OK);
        Assert.Equal(30, updated.GetProperty("firstResponseMinutes").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/sla-policies/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("firstResponseMinutes", 0, 75, null)]
    [InlineData("atRiskPercent", 60, 150, null)]
    [InlineData("breach.overflowQueueId", 60, 75, 987654)]
    public async Task Create_BadField_Is400NamingIt(string field, int firstResponse, int atRisk, int? overflowQueueId)
    {
        var (account, _) = await desk.AccountAsync();
        var body = new
        {
            name = "Bad " + Guid.NewGuid().ToString("N")[..6],
            accountId = account,
            firstResponseMinutes = firstResponse,
            atRiskPercent = atRisk,
            breach = new { overflowQueueId },
        };
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PostAsJsonAsync("/api/sla-policies", body), field);
    }

    [Fact]
    public async Task Create_SupervisorWithoutAccount_Is400NamingAccountId()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, supervisor) = await desk.UserAsync(account, "supervisor");
        await WorkDesk.BadRequestNamingAsync(await supervisor.PostAsJsonAsync("/api/sla-policies", Policy("Everyone " + account, null)), "accountId");
    }

    [Fact]
    public async Task Clocks_ACustomerMailUnderAPolicy_RunsFirstResponse_SeenByTheAgent_Not_ByAnOutsider()
    {
        var (account, _) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var (_, outsider) = await desk.UserAsync(other);
        await WorkDesk.JsonAsync(await desk.Admin.PostAsJsonAsync("/api/sla-policies", Policy("Clock " + account, account)), HttpStatusCode.Created);

        var id = await desk.CustomerWritesAsync(account);
        // The seed stores rows only; ingestion also announces them, which is what starts the clocks.
        var opened = (await desk.InteractionAsync(id)).CreatedAt;
        await desk.DbAsync(db =>
        {
            db.Append(new InteractionCreated(id, account), opened, account, id);
            return db.SaveChangesAsync();
        });
        // The clocks are started by the service-level subscriber, after the mail's commit.
        var clocks = await agent.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/sla");
        for (var i = 0; i < 100 && clocks.GetArrayLength() == 0; i++)
        {
            await Task.Delay(100);
            clocks = await agent.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/sla");
        }

        var first = clocks.EnumerateArray().Single(c => c.GetProperty("label").GetString() == "first response");
        Assert.Equal("running", first.GetProperty("state").GetString());
        Assert.InRange(first.GetProperty("remainingSeconds").GetDouble(), 3000, 3600);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/interactions/{id}/sla")).StatusCode);
    }

    [Fact]
    public async Task Priority_SetByAMemberAgent_OutOfRangeIs400_AndOutsiderIs404()
    {
        var (account, _) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var (_, outsider) = await desk.UserAsync(other);
        var id = await desk.CustomerWritesAsync(account);

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PutAsJsonAsync($"/api/interactions/{id}/priority", new { priority = 5 })).StatusCode);
        Assert.Equal(5, (await desk.InteractionAsync(id)).Priority);
        await WorkDesk.BadRequestNamingAsync(await agent.PutAsJsonAsync($"/api/interactions/{id}/priority", new { priority = 11 }), "priority");
        await WorkDesk.BadRequestNamingAsync(await agent.PutAsJsonAsync($"/api/interactions/{id}/priority", new { }), "priority");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutAsJsonAsync($"/api/interactions/{id}/priority", new { priority = 1 })).StatusCode);
    }

    private static object Policy(string name, int? accountId, int firstResponse = 60) =>
        new { name, accountId, firstResponseMinutes = firstResponse, resolutionMinutes = 480, atRiskPercent = 75 };
}
