using System.Net;
using System.Text.Json;
using Mailroom.Server.Tests.Work;

namespace Mailroom.Server.Tests.Auth;

/// <summary>
/// The authorization matrix, from the served OpenAPI document: every operation, aimed at another account's ids, as
/// anonymous, as an agent and as a supervisor of another account. None may show a byte of that account's data or change
/// a row of it, operations the document reserves to administrators refuse the others, and nobody unsigned gets past
/// the door. The administrator, who may see everything, is the control: the same probes show them the data.
/// </summary>
public sealed class AuthorizationMatrixTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task EveryOperation_WithAnotherAccountsIds_ShowsAndChangesNothingOfIt_AndAdministratorsOnlyRefuseTheOthers()
    {
        var their = await TheirAccount.CreateAsync(desk);
        var (ours, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(ours);
        var (supervisorId, supervisor) = await desk.UserAsync(ours, "supervisor");
        using var document = JsonDocument.Parse(await desk.Admin.GetStringAsync("/openapi/v1.json"));
        var operations = ProbeRequests.From(document.RootElement, their).ToList();

        var shownToAdministrator = new List<ProbeOperation>();
        foreach (var read in operations.Where(o => o.Method == "GET"))
        {
            if ((await BodyAsync(desk.Admin, read)).Text.Contains(their.Marker, StringComparison.OrdinalIgnoreCase))
            {
                shownToAdministrator.Add(read);
            }
        }

        Assert.True(shownToAdministrator.Count >= 20, $"the probes found their data for the administrator in only {shownToAdministrator.Count} reads: {string.Join(", ", shownToAdministrator)}");
        var before = await DataSnapshot.TakeAsync(desk, [agentId, supervisorId]);
        using var anonymous = desk.Server.CreateClient();
        var failures = new List<string>();
        foreach (var operation in operations)
        {
            if (operation.Secured && (await BodyAsync(anonymous, operation)).Status != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{operation}: answers anonymous callers");
            }

            foreach (var (role, client) in new[] { ("agent", agent), ("supervisor", supervisor) })
            {
                var (status, text) = await BodyAsync(client, operation);
                if ((int)status >= 500)
                {
                    failures.Add($"{operation} as {role}: {(int)status}");
                }

                if (text.Contains(their.Marker, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{operation} as {role}: shows their data ({(int)status}) {text[..Math.Min(text.Length, 200)]}");
                }

                if (operation.AdministratorsOnly && (int)status < 400)
                {
                    failures.Add($"{operation} as {role}: {(int)status}, for administrators only");
                }
            }
        }

        var after = await DataSnapshot.TakeAsync(desk, [agentId, supervisorId]);
        failures.AddRange(before.Where(table => after[table.Key] != table.Value).Select(table => $"their {table.Key} changed"));
        Assert.True(operations.Count > 150, $"only {operations.Count} operations probed");
        Assert.True(failures.Count == 0, $"{failures.Count} holes in {operations.Count} operations:\n" + string.Join("\n", failures));
    }

    private static async Task<(HttpStatusCode Status, string Text)> BodyAsync(HttpClient client, ProbeOperation operation)
    {
        using var request = operation.Request();
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
