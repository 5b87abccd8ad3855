using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Mailroom.Core;
using Mailroom.Core.Interactions;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Integration.Inbound;

/// <summary>
/// One Mailroom server on its own SQLite database watching one real Dovecot mailbox; it can be stopped and
/// started again on the same data, like a restart of the process.
/// </summary>
internal sealed class InboundHarness : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _realSocket;

    private InboundHarness(TestDatabase database, string dataDirectory, Dictionary<string, string?> settings, bool realSocket)
    {
        Database = database;
        DataDirectory = dataDirectory;
        _settings = settings;
        _realSocket = realSocket;
    }

    public TestDatabase Database { get; }

    public string DataDirectory { get; }

    public MailroomApp? App { get; private set; }

    public HttpClient Admin { get; private set; } = null!;

    public int AccountId { get; private set; }

    public string Address { get; private set; } = "";

    public string Key { get; private set; } = "";

    /// <summary>Where the account's IMAP points: the real Dovecot unless a test puts a proxy in between.</summary>
    public int? ImapPort { get; private set; }

    public object AccountBody(bool active) => LocalMail.AccountBody(Address, Key, active, transfer: new { accountTransferEnabled = false }, ImapPort);

    /// <summary>Starts the server and connects the account; <paramref name="realSocket"/> for tests that hold a live hub connection.</summary>
    public static async Task<InboundHarness> StartAsync(string address, IDictionary<string, string?>? settings = null, int? imapPort = null, bool realSocket = false)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "mailroom-inbound-" + Guid.NewGuid().ToString("N"));
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Mailroom:DataDirectory"] = dataDirectory };
        var harness = new InboundHarness(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), dataDirectory, all, realSocket);
        await harness.StartAppAsync();
        harness.Address = address;
        harness.ImapPort = imapPort;
        harness.Key = "I" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var response = await harness.Admin.PostAsJsonAsync("/api/accounts", harness.AccountBody(active: true));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        harness.AccountId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        return harness;
    }

    public async Task StartAppAsync()
    {
        App = new MailroomApp(Database, _realSocket, _settings);
        Admin = await App.AdminClientAsync();
    }

    public Task StopAppAsync()
    {
        Admin.Dispose();
        App?.Dispose();
        App = null;
        return Task.CompletedTask;
    }

    /// <summary>Polls the database every 10 ms until <paramref name="count"/> messages carry the marker.</summary>
    public async Task<List<Message>> WaitForMessagesAsync(string marker, int count = 1, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var found = await MessagesAsync(marker);
            if (found.Count >= count)
            {
                return found;
            }

            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"{found.Count} of {count} messages marked '{marker}' were stored: watcher is {await WatcherAsync()}");
            }

            await Task.Delay(10);
        }
    }

    public async Task<List<Message>> MessagesAsync(string marker)
    {
        await using var db = Database.NewContext();
        return await db.Messages.AsNoTracking().Include(m => m.Attachments).Where(m => m.Subject.Contains(marker)).OrderBy(m => m.Id).ToListAsync();
    }

    public async Task<Interaction> InteractionAsync(long id)
    {
        await using var db = Database.NewContext();
        return await db.Interactions.AsNoTracking().FirstAsync(i => i.Id == id);
    }

    public async Task<string> WatcherAsync() =>
        App is null ? "not running" : (await Admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{AccountId}/watcher")).ToString();

    /// <summary>Waits until the watcher is in IDLE, i.e. caught up and listening.</summary>
    public Task WaitForIdleAsync() => WaitForStateAsync("idle");

    public async Task WaitForStateAsync(string state)
    {
        var watch = Stopwatch.StartNew();
        while ((await Admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{AccountId}/watcher")).GetProperty("state").GetString() != state)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"The watcher never became {state}: {await WatcherAsync()}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The account's INBOX on the real Dovecot, read-only and around any proxy.</summary>
    public static async Task<ImapClient> OpenMailboxAsync(string address)
    {
        var imap = new ImapClient();
        await imap.ConnectAsync(LocalMail.Host, TestEnvironment.ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(address, LocalMail.Passwords[address]);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        return imap;
    }

    /// <summary>The invariant: every Message-ID in the mailbox is stored, none twice, and nothing else is.</summary>
    public async Task AssertMailboxEqualsStoredAsync()
    {
        await Task.Delay(500);
        using var imap = await OpenMailboxAsync(Address);
        var inMailbox = (await imap.Inbox.FetchAsync(0, -1, MessageSummaryItems.Envelope)).Select(s => s.Envelope?.MessageId).Order().ToList();
        await using var db = Database.NewContext();
        var stored = await db.Messages.AsNoTracking().Where(m => m.AccountId == AccountId && m.Uid != null)
            .Select(m => m.MessageIdHeader).ToListAsync();
        Assert.Equal(inMailbox, stored.Order().ToList());
    }

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }
}
