using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mailroom.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mailroom.TestSupport;

/// <summary>
/// A whole Mailroom server in the test process, on its own data folder and database (SQLite by default).
/// With <c>realSocket</c> it listens on a loopback port, so a browser or a SignalR client can reach it.
/// </summary>
public sealed class MailroomApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@mailroom.local";
    public const string AdminPassword = "admin-password-1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly Dictionary<string, string?> _settings;

    public MailroomApp(TestDatabase? database = null, bool realSocket = false, IDictionary<string, string?>? settings = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "mailroom-app-" + Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Mailroom:DataDirectory"] = DataDirectory,
            ["MAILROOM_ADMIN_PASSWORD"] = AdminPassword,
            // Tests wait for delivery; the undo hold is switched on only by the tests of undo.
            ["Mailroom:Outbound:UndoHold"] = "00:00:00",
        };
        if (database is not null)
        {
            _settings["Mailroom:Database:Provider"] = database.Provider.ToString();
            _settings["Mailroom:Database:ConnectionString"] = database.ConnectionString;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        if (realSocket)
        {
            UseKestrel(0);
            StartServer();
        }
    }

    public string DataDirectory { get; }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>An HTTP client signed in with a personal API token.</summary>
    public async Task<HttpClient> ClientForAsync(string email, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> AdminClientAsync() => ClientForAsync(AdminEmail, AdminPassword);

    /// <summary>Creates a user through the API and returns its id and a client signed in as it.</summary>
    public async Task<(int Id, HttpClient Client)> CreateUserAsync(HttpClient admin, string role = "agent", string? email = null)
    {
        email ??= $"{role}-{Guid.NewGuid().ToString("N")[..12]}@example.test";
        const string password = "agent-password-1";
        var response = await admin.PostAsJsonAsync("/api/users", new { email, displayName = $"Test {role}", role, password }, Json);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        return (id, await ClientForAsync(email, password));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning if a file is still held.
        }
    }
}
