using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Work;

/// <summary>
/// A server for the "working an interaction" tests: no inbound watchers and no SMTP sender, so
/// replies stay queued; helpers to create accounts, members and customer messages.
/// </summary>
public class WorkDesk : IAsyncLifetime
{
    public WorkDesk()
        : this(realSocket: false)
    {
    }

    /// <summary>With <paramref name="realSocket"/> the server listens on loopback, for tests that cut its connections.</summary>
    protected WorkDesk(bool realSocket) => Server = new(realSocket: realSocket, settings: new Dictionary<string, string?>
    {
        ["Mailroom:Inbound:Enabled"] = "false",
        ["Mailroom:Outbound:Enabled"] = "false",
    });

    public MailroomApp Server { get; }

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync() => Admin = await Server.AdminClientAsync();

    public Task DisposeAsync()
    {
        Server.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A fresh account (its key is returned too) with the settings the test is about.</summary>
    public async Task<(int Id, string Key)> AccountAsync(bool markAsUnread = false, bool mandatoryDisposition = false, bool pauseWhileDisposing = false)
    {
        var key = "W" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var response = await Admin.PostAsJsonAsync("/api/accounts", new
        {
            name = key,
            key,
            address = $"{key.ToLowerInvariant()}@example.test",
            active = true,
            markAsUnreadAllowed = markAsUnread,
            imap = new { host = "127.0.0.1", port = 1 },
            smtp = new { host = "127.0.0.1", port = 1 },
            disposition = new { mandatory = mandatoryDisposition, pauseWhileDisposing },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(), key);
    }

    /// <summary>A new user (agent by default) who is a member of <paramref name="accountId"/>, if given.</summary>
    public async Task<(int Id, HttpClient Client)> UserAsync(int? accountId, string role = "agent")
    {
        var (id, client) = await Server.CreateUserAsync(Admin, role);
        if (accountId is { } account)
        {
            (await Admin.PostAsync($"/api/accounts/{account}/members/{id}", null)).EnsureSuccessStatusCode();
        }

        return (id, client);
    }

    /// <summary>An open interaction with one customer message, as inbound would store it.</summary>
    public async Task<long> CustomerWritesAsync(int accountId, int? assignedTo = null, string? subject = null)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var blobs = scope.ServiceProvider.GetRequiredService<BlobStore>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var customer = new IncomingMailSeed.Customer { Subject = subject ?? "Help " + Guid.NewGuid().ToString("N")[..8] };
        return (await IncomingMailSeed.CreateAsync(db, blobs, accountId, customer, now, assignedTo)).InteractionId;
    }

    public async Task<T> DbAsync<T>(Func<MailroomDb, Task<T>> read)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<MailroomDb>());
    }

    public Task<Interaction> InteractionAsync(long id) => DbAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == id));

    public Task<List<HistoryEntry>> HistoryAsync(long id) => DbAsync(db => db.History.AsNoTracking().Where(h => h.InteractionId == id).ToListAsync());

    public Task<List<string>> EventTypesAsync(long id) =>
        DbAsync(db => db.Events.AsNoTracking().Where(e => e.InteractionId == id).OrderBy(e => e.Sequence).Select(e => e.Type + ":" + e.Payload).ToListAsync());

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a 400 ProblemDetails that names <paramref name="field"/>.</summary>
    public static async Task BadRequestNamingAsync(HttpResponseMessage response, string field)
    {
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}': {problem}");
    }

    public static async Task<JsonElement> ContextAsync(HttpClient client, long id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/context")).GetProperty("interaction");
}
