using System.Net.Http.Json;
using System.Text.Json;

namespace Mailroom.TestSupport;

/// <summary>Email accounts for tests that need one to exist but never talk to a mail server.</summary>
public static class TestAccounts
{
    /// <summary>Creates an account with a fresh key starting with <paramref name="prefix"/>; returns its id.</summary>
    public static async Task<int> CreateAsync(HttpClient admin, string prefix, bool active = false, bool transferEnabled = false)
    {
        var key = prefix[..Math.Min(prefix.Length, 3)] + Guid.NewGuid().ToString("N")[..2].ToUpperInvariant();
        var response = await admin.PostAsJsonAsync("/api/accounts", new
        {
            name = key,
            key,
            address = $"{key.ToLowerInvariant()}@example.test",
            active,
            imap = new { host = "127.0.0.1", port = 1 },
            smtp = new { host = "127.0.0.1", port = 1 },
            transfer = new { accountTransferEnabled = transferEnabled },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}
