using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Server.Tests.Integration.Inbound;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.Integration.EndToEnd;

/// <summary>The people and settings an end-to-end scenario creates through the API, as an administrator would.</summary>
internal static class ScenarioDesk
{
    public static async Task<(int Id, HttpClient Client)> MemberAsync(InboundHarness harness, string role)
    {
        var (id, client) = await harness.App!.CreateUserAsync(harness.Admin, role);
        (await harness.Admin.PostAsync($"/api/accounts/{harness.AccountId}/members/{id}", null)).EnsureSuccessStatusCode();
        return (id, client);
    }

    public static async Task<int> PostAsync(HttpClient admin, string path, object body)
    {
        var response = await admin.PostAsJsonAsync(path, body, MailroomApp.Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}
