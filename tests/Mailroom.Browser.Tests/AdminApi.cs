using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;

namespace Mailroom.Browser.Tests;

/// <summary>What the browser tests set up through the REST API before the browser takes over.</summary>
public static class AdminApi
{
    /// <summary>The password of every user <see cref="MemberAsync"/> creates.</summary>
    public const string Password = "agent-password-1";

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> and returns the new row's id; any error fails the test with the server's words.</summary>
    public static async Task<int> CreateAsync(HttpClient admin, string path, object body)
    {
        var response = await admin.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>A new user (sign-in <paramref name="name"/>…@example.test, <see cref="Password"/>) who is a member of <paramref name="accountId"/>.</summary>
    public static async Task<(int Id, string Email)> MemberAsync(MailroomApp server, HttpClient admin, int accountId, string name, string role = "agent")
    {
        var email = $"{name}{Guid.NewGuid():N}"[..(name.Length + 8)] + "@example.test";
        var (id, _) = await server.CreateUserAsync(admin, role, email);
        (await admin.PostAsync($"/api/accounts/{accountId}/members/{id}", null)).EnsureSuccessStatusCode();
        return (id, email);
    }
}
