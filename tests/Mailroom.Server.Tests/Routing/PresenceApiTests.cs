using System.Net;
using System.Net.Http.Json;
using Mailroom.Server.Tests.Work;

namespace Mailroom.Server.Tests.Routing;

/// <summary>Who may pause whom, and with which reason.</summary>
public sealed class PresenceApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task SupervisorPausesAnAgentOfItsAccount_ButAnotherAccountsAgentIsNotFound()
    {
        var (shared, _) = await desk.AccountAsync();
        var (elsewhere, _) = await desk.AccountAsync();
        var (colleague, _) = await desk.UserAsync(shared);
        var (stranger, _) = await desk.UserAsync(elsewhere);
        var (_, supervisor) = await desk.UserAsync(shared, "supervisor");
        var pause = new { presence = "paused", reason = "Coaching" };

        var paused = await WorkDesk.JsonAsync(await supervisor.PutAsJsonAsync($"/api/users/{colleague}/presence", pause), HttpStatusCode.OK);
        Assert.Equal("Coaching", paused.GetProperty("pauseReason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PutAsJsonAsync($"/api/users/{stranger}/presence", pause)).StatusCode);
        var (_, agent) = await desk.UserAsync(shared);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync($"/api/users/{colleague}/presence", pause)).StatusCode);
    }

    [Fact]
    public async Task Pausing_WhenTheAdministratorListedReasons_TakesOnlyOneOfThem()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        await WorkDesk.JsonAsync(await desk.Admin.PutAsJsonAsync("/api/settings/desktop", new { searchOnEnterOnly = false, pauseReasons = new[] { "Lunch", "Training" } }),
            HttpStatusCode.OK);
        try
        {
            await WorkDesk.BadRequestNamingAsync(await agent.PutAsJsonAsync("/api/me/presence", new { presence = "paused", reason = "Nap" }), "reason");
            var paused = await WorkDesk.JsonAsync(await agent.PutAsJsonAsync("/api/me/presence", new { presence = "paused", reason = "lunch" }), HttpStatusCode.OK);
            Assert.Equal("paused", paused.GetProperty("presence").GetString(), ignoreCase: true);
            await WorkDesk.BadRequestNamingAsync(await desk.Admin.PutAsJsonAsync("/api/settings/desktop", new { searchOnEnterOnly = false, pauseReasons = new[] { "Lunch", " lunch " } }),
                "pauseReasons");
        }
        finally
        {
            // The class's other test types its own reason.
            (await desk.Admin.PutAsJsonAsync("/api/settings/desktop", new { searchOnEnterOnly = false, pauseReasons = Array.Empty<string>() })).EnsureSuccessStatusCode();
        }
    }
}
