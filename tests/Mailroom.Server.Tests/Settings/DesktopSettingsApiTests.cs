using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Server.Tests.Work;

namespace Mailroom.Server.Tests.Settings;

public sealed class DesktopSettingsApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task DesktopSettings_EveryoneReadsThem_OnlyAnAdministratorChangesThem()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);

        var defaults = await agent.GetFromJsonAsync<JsonElement>("/api/settings/desktop");
        Assert.Equal((false, 5), (defaults.GetProperty("searchOnEnterOnly").GetBoolean(), defaults.GetProperty("searchAsYouTypeFrom").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync("/api/settings/desktop", new { searchOnEnterOnly = true })).StatusCode);
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PutAsJsonAsync("/api/settings/desktop", new { }), "searchOnEnterOnly");

        await WorkDesk.JsonAsync(await desk.Admin.PutAsJsonAsync("/api/settings/desktop", new { searchOnEnterOnly = true }), HttpStatusCode.OK);

        var changed = await agent.GetFromJsonAsync<JsonElement>("/api/settings/desktop");
        Assert.True(changed.GetProperty("searchOnEnterOnly").GetBoolean());
    }
}
