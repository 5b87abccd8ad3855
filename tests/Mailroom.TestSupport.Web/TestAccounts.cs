using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Mailroom.TestSupport;

/// <summary>Email accounts for tests that need one to exist but never talk to a mail server.</summary>
public static class TestAccounts
{
    /// <summary>Creates an account with a fresh key starting with <paramref name="prefix"/>; returns its id.</summary>
    public static async Task<int> CreateAsync(HttpClient admin, string prefix, bool active = false, bool transferEnabled = false) =>
        (await CreateWithKeyAsync(admin, prefix, active, transferEnabled)).Id;

    /// <summary>
    /// An account of its own (a fresh key starting with <paramref name="prefix"/>) whose mail servers are
    /// unreachable: its mail is seeded, its replies wait. Active, it appears on boards and its watcher retries.
    /// </summary>
    public static async Task<(int Id, string Key)> CreateWithKeyAsync(
        HttpClient admin, string prefix, bool active = false, bool transferEnabled = false, bool mandatoryDisposition = false)
    {
        // A key has at most 5 characters, so a prefix of 3 leaves 256 keys: one already taken (a 400 naming
        // "key") is tried again with another, as a person would.
        for (var attempt = 0; ; attempt++)
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
                disposition = new { mandatory = mandatoryDisposition },
            });
            if (attempt < 10 && response.StatusCode == System.Net.HttpStatusCode.BadRequest
                && (await response.Content.ReadAsStringAsync()).Contains("already used", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(), key);
        }
    }
}
