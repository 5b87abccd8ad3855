using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Server.Tests.Work;

namespace Mailroom.Server.Tests.ServiceLevels;

/// <summary>The service-level report over the API, as a supervisor: only their accounts, as JSON and as CSV.</summary>
public sealed class ServiceLevelReportApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task Report_ForASupervisor_HoldsOnlyTheirAccounts_AndTheCsvHasOneRowEach()
    {
        var (mine, mineKey) = await desk.AccountAsync();
        var (theirs, _) = await desk.AccountAsync();
        var (_, supervisor) = await desk.UserAsync(mine, "supervisor");
        var period = "from=2026-01-01&to=2027-01-01";

        var report = await supervisor.GetFromJsonAsync<JsonElement>($"/api/reports/service-levels?{period}&accounts={mine},{theirs}");
        var account = Assert.Single(report.GetProperty("accounts").EnumerateArray());
        Assert.Equal(mineKey, account.GetProperty("accountKey").GetString());
        Assert.Equal(3, account.GetProperty("targets").GetArrayLength());

        var csv = await supervisor.GetAsync($"/api/reports/service-levels.csv?{period}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(mineKey + ",", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ToBeforeFrom_IsA400NamingTo() =>
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.GetAsync("/api/reports/service-levels?from=2026-05-01&to=2026-04-01"), "to");
}
