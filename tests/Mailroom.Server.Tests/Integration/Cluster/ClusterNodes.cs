using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Integration.Cluster;

/// <summary>
/// Several Mailroom.Server processes on one PostgreSQL database, as a cluster runs them, plus what the tests
/// read across them: watcher states per node, Dovecot's logins per mailbox, stored mail by Message-ID.
/// </summary>
internal sealed class ClusterNodes(TestDatabase database, string dataDirectory) : IAsyncDisposable
{
    private readonly Dictionary<string, ServerProcess> _nodes = [];

    public IReadOnlyDictionary<string, ServerProcess> Nodes => _nodes;

    /// <summary>Starts a node; <paramref name="dataDirectory"/> overrides the shared one (a node with keys of its own).</summary>
    public async Task<ServerProcess> StartAsync(string name, IDictionary<string, string?>? settings = null, string? ownData = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Mailroom:NodeName"] = name };
        var node = await ServerProcess.StartAsync(database, ownData ?? dataDirectory, all);
        _nodes[name] = node;
        return node;
    }

    public async Task KillAsync(string name)
    {
        await _nodes[name].KillAsync();
        await _nodes[name].DisposeAsync();
        _nodes.Remove(name);
    }

    public static async Task<int> CreateAccountAsync(HttpClient admin, string address, string key)
    {
        var created = await admin.PostAsJsonAsync("/api/accounts", LocalMail.AccountBody(address, key, transfer: new { accountTransferEnabled = false }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>(state, node) of an account's watcher as the given node answers it.</summary>
    public static async Task<(string State, string? Node)> WatcherAsync(HttpClient client, int accountId)
    {
        var status = await client.GetFromJsonAsync<JsonElement>($"/api/accounts/{accountId}/watcher");
        var node = status.TryGetProperty("node", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return (status.GetProperty("state").GetString()!, node);
    }

    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan limit, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"{what} did not happen within {limit.TotalSeconds:0} s");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>How many IMAP logins Dovecot logged for the mailbox since it started.</summary>
    public static int Logins(string address)
    {
        var log = Path.Combine(TestEnvironment.MailState, "log", "dovecot.log");
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var needle = $"imap-login: Info: Login: user=<{address}>";
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            count += line.Contains(needle, StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Delivers <paramref name="count"/> mails, one sender each (a sender writing ten is a flood, held).</summary>
    public static async Task<List<string>> DeliverAsync(string to, string marker, string batch, int count)
    {
        var directory = Directory.CreateTempSubdirectory("mailroom-cluster-mail-");
        try
        {
            var ids = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                var message = LocalMail.Compose($"c{batch}x{n}@customer.test", to, $"Cluster {marker} {batch}/{n}", "Hello from a customer " + n);
                message.MessageId = $"{marker}-{batch}-{n}@customer.test";
                await message.WriteToAsync(Path.Combine(directory.FullName, $"{i + 1}.eml"));
                ids.Add(message.MessageId);
            }

            await LocalMail.ControlAsync("deliver", to, directory.FullName);
            return ids;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Message-IDs stored with the marker, one entry per row: a duplicate shows twice.</summary>
    public async Task<List<string>> StoredAsync(string marker)
    {
        await using var db = database.NewContext();
        return await db.Messages.AsNoTracking().Where(m => m.Subject.Contains(marker)).Select(m => m.MessageIdHeader!).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }
}
