using Mailroom.Core.Accounts;
using Mailroom.Core.Mail;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Mail.Inbound.Leases;
using Mailroom.Core.Security;
using Mailroom.Core.Storage;
using Mailroom.Core.Tests.Mail.Replay;
using Mailroom.Core.Tests.OAuth;
using Mailroom.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

/// <summary>
/// One <see cref="MailboxWatcher"/> on a fresh SQLite database and blob folder, whose IMAP connections are
/// scripted transcripts queued with <see cref="Queue"/>, and whose timers run on <see cref="Clock"/>.
/// </summary>
internal sealed class WatcherHarness : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly string _blobRoot = Path.Combine(Path.GetTempPath(), "mailroom-blobs-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    private WatcherHarness(TestDatabase database, EmailAccount account)
    {
        Database = database;
        Account = account;
        Blobs = new BlobStore(_blobRoot);
        Statuses = new WatcherStatusRegistry(Clock);
        Commits = new HeldCommits(database);
        Ingestor = new MessageIngestor(Commits, Blobs, Clock, NullLogger<MessageIngestor>.Instance);
    }

    public TestDatabase Database { get; }

    public EmailAccount Account { get; }

    public BlobStore Blobs { get; }

    public MessageIngestor Ingestor { get; }

    /// <summary>The ingestor's commits, which a test may hold back.</summary>
    public HeldCommits Commits { get; }

    public TimerClock Clock { get; } = new();

    public ReplayConnector Server { get; } = new();

    public WatcherStatusRegistry Statuses { get; }

    public LeaseToken Lease => new(Account.Id, 1);

    /// <summary>The watcher's run: it ends by itself only when its lease passed to another node.</summary>
    public Task Run => _run;

    /// <summary>Read by <see cref="Start"/>; a test may lower the size limit before.</summary>
    public MailroomOptions Options { get; } = new();

    public static async Task<WatcherHarness> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var account = new EmailAccount
        {
            Name = "Support",
            Key = "SUP",
            Address = "support@example.test",
            Imap = new ImapSettings { Host = "imap.example.test", Port = 143, Ssl = false, Authentication = false },
        };
        await using var db = database.NewContext();
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        // The lease the watcher runs under, as the lease pass would have taken it.
        db.MailboxLeases.Add(new MailboxLease { AccountId = account.Id, Epoch = 1, Node = "test" });
        await db.SaveChangesAsync();
        return new WatcherHarness(database, account);
    }

    public ReplayStream Queue(ImapScript script, int maxReadBytes = int.MaxValue) => Server.Queue(script, maxReadBytes);

    public void Start()
    {
        var connections = TestConnections.Create(Database.ContextFactory(), new SecretProtector(new EphemeralDataProtectionProvider()), Server, Clock);
        var watcher = new MailboxWatcher(Account, Lease, connections, Ingestor, Blobs, Database.ContextFactory(), Statuses,
            Options, Clock, NullLogger.Instance);
        _run = Task.Run(() => watcher.RunAsync(_stop.Token));
    }

    /// <summary>
    /// Waits until the client has read the session's last server turn. Scripts end where the watcher has
    /// committed everything before (IDLE, a poll wait), so the database can be checked right after.
    /// </summary>
    public async Task ReplayedAsync(ReplayStream session)
    {
        var first = await Task.WhenAny(session.Finished, Server.Unscripted, _run, Task.Delay(Patience));
        await first;
        // Not finished yet: the watcher failed on something the script did say (it backs off and retries).
        var status = Statuses.Get(Account.Id);
        Assert.True(session.Finished.IsCompletedSuccessfully,
            $"The script did not finish: the watcher is {status.State}, last error: {status.LastError}\n  sent: {string.Join(" | ", session.Sent)}");
    }

    /// <summary>
    /// Runs the watcher through a session that ends in failure, its reconnect backoff (skipped on the fake
    /// clock) and the next session; returns the backoff it waited.
    /// </summary>
    public async Task<TimeSpan> ReplayedWithReconnectAsync(ReplayStream failing, ReplayStream next)
    {
        Start();
        await ReplayedAsync(failing);
        var backoff = await Clock.SkipNextWaitAsync();
        await ReplayedAsync(next);
        return backoff;
    }

    /// <summary>(UIDVALIDITY, UID, Message-ID) of every stored message, in UID order.</summary>
    public async Task<List<(long? UidValidity, long? Uid, string? MessageId)>> StoredAsync()
    {
        await using var db = Database.NewContext();
        var rows = await db.Messages.OrderBy(m => m.Id).Select(m => new { m.UidValidity, m.Uid, m.MessageIdHeader }).ToListAsync();
        return [.. rows.Select(r => (r.UidValidity, r.Uid, r.MessageIdHeader))];
    }

    public async Task<(long UidValidity, long LastUid)> CheckpointAsync()
    {
        await using var db = Database.NewContext();
        var checkpoint = await db.Checkpoints.SingleAsync();
        return (checkpoint.UidValidity, checkpoint.LastUid);
    }

    /// <summary>Every line the client sent over all sessions, tags removed.</summary>
    public IEnumerable<string> Sent => Server.Connected.SelectMany(s => s.Sent);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Patience);
        _stop.Dispose();
        await Database.DisposeAsync();
        if (Directory.Exists(_blobRoot))
        {
            Directory.Delete(_blobRoot, recursive: true);
        }
    }
}
