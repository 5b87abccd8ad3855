using System.Net.Http.Json;
using System.Text.Json;

namespace Mailroom.Browser.Tests;

/// <summary>What the browser tests set up through the REST API before the browser takes over.</summary>
public static class AdminApi
{
    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> and returns the new row's id; any error fails the test with the server's words.</summary>
    public static async Task<int> CreateAsync(HttpClient admin, string path, object body)
    {
        var response = await admin.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}
