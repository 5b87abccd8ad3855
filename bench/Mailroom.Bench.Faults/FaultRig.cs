using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Mailroom.Core;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Mailroom.Bench.Faults;

/// <summary>
/// One Mailroom as shipped (its own process, Production, SQLite) with an inbound account whose IMAP runs through
/// one <see cref="FaultProxy"/> and an outbound account whose SMTP runs through another, and the checks every
/// round ends with. Being a process of its own, it can be killed (<see cref="KillAndRestartAsync"/>).
/// </summary>
internal sealed class FaultRig : IAsyncDisposable
{
    public const string Support = "support@example.test";
    public const string Billing = "billing@example.test";
    public const string Customer = "customer@customer.test";
    private const string AgentPassword = "agent-password-1";
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(90);

    // A 5 s silence limit (150 s by default) with IDLE renewed every 2 s, so a healthy link is never silent
    // that long, and the mailbox probed every 4 s (300 s by default): a round costs seconds, not minutes.
    // Everything else is as shipped.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Mailroom:Inbound:SilenceLimitSeconds"] = "5",
        ["Mailroom:Inbound:IdleRenewalSeconds"] = "2",
        ["Mailroom:Inbound:MailboxProbeSeconds"] = "4",
        ["Mailroom:Outbound:PollInterval"] = "00:00:00.200",
        ["Logging:LogLevel:Default"] = "Error",
        ["Logging:LogLevel:Mailroom.Core.Mail"] = "Warning",
    };

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mailroom-faults-" + Guid.NewGuid().ToString("N"));
    private string _agentEmail = "";

    private FaultRig(TestDatabase database, FaultProxy imap, FaultProxy smtp)
    {
        Database = database;
        Imap = imap;
        Smtp = smtp;
    }

    public TestDatabase Database { get; }
    public FaultProxy Imap { get; }
    public FaultProxy Smtp { get; }
    public ServerProcess Server { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Agent { get; private set; } = null!;
    public int InboundAccountId { get; private set; }
    public int OutboundAccountId { get; private set; }

    public static async Task<FaultRig> StartAsync()
    {
        await LocalMail.ControlAsync("reset", Support, Customer);
        var rig = new FaultRig(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), FaultProxy.Start(TestEnvironment.ImapPort), FaultProxy.Start(TestEnvironment.SmtpPort));
        await rig.StartServerAsync();
        rig._agentEmail = $"agent-{Guid.NewGuid().ToString("N")[..12]}@example.test";
        var user = await rig.Admin.PostAsJsonAsync("/api/users", new { email = rig._agentEmail, displayName = "Fault Agent", role = "agent", password = AgentPassword });
        user.EnsureSuccessStatusCode();
        var agentId = (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        rig.Agent = await rig.Server.ClientForAsync(rig._agentEmail, AgentPassword);
        rig.InboundAccountId = await rig.AccountAsync(LocalMail.AccountBody(Support, "FIN", transfer: new { accountTransferEnabled = false }, imapPort: rig.Imap.Port), agentId);
        rig.OutboundAccountId = await rig.AccountAsync(LocalMail.AccountBody(Billing, "FOUT", transfer: new { }, smtpPort: rig.Smtp.Port), agentId);
        await rig.WaitIdleAsync();
        return rig;
    }

    /// <summary>SIGKILL wherever the process is, then a new one on the same database and data folder; returns once it is healthy.</summary>
    public async Task KillAndRestartAsync()
    {
        await Server.KillAsync();
        await Server.DisposeAsync();
        Admin.Dispose();
        Agent.Dispose();
        await StartServerAsync();
        Agent = await Server.ClientForAsync(_agentEmail, AgentPassword);
    }

    public async Task WaitIdleAsync()
    {
        var watch = Stopwatch.StartNew();
        while ((await Admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{InboundAccountId}/watcher")).GetProperty("state").GetString() != "idle")
        {
            if (watch.Elapsed > GiveUp)
            {
                throw new TimeoutException("The watcher never became idle.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// A message from the customer to the inbound account, through Postfix (its SMTP port, or its local queue
    /// when Dovecot is down); its Message-ID.
    /// </summary>
    public static async Task<string> CustomerWritesAsync(string subject, bool dovecotDown = false)
    {
        var message = LocalMail.Compose(Sender(), Support, subject, "Hello");
        await (dovecotDown ? LocalMail.QueueAsync(message) : LocalMail.SendAsync(message));
        return message.MessageId!;
    }

    /// <summary>A customer of their own for each message: one sender writing this often is held as a flood (HoldPolicy).</summary>
    public static string Sender() => $"c-{Guid.NewGuid().ToString("N")[..10]}@customer.test";

    public Task<int> ProblemsAsync() => Read(db => db.IngestProblems.CountAsync(p => p.AccountId == InboundAccountId));

    /// <summary>Waits until every expected message is stored (or gives up), then counts what is missing, wrong or twice.</summary>
    public async Task<RoundResult> InboundAsync(IReadOnlyDictionary<string, string?> expected, Stopwatch since, int problemsBefore)
    {
        List<(string? Id, string Sha)> stored;
        while (true)
        {
            var ids = expected.Keys.ToList();
            stored = (await Read(db => db.Messages.AsNoTracking().Where(m => m.AccountId == InboundAccountId && ids.Contains(m.MessageIdHeader!))
                .Select(m => new { m.MessageIdHeader, m.RawSha256 }).ToListAsync())).Select(m => (m.MessageIdHeader, m.RawSha256)).ToList();
            if (expected.Keys.All(id => stored.Any(s => s.Id == id)) || since.Elapsed > GiveUp)
            {
                break;
            }

            await Task.Delay(20);
        }

        var recovery = since.Elapsed;
        if (recovery > GiveUp)
        {
            using var imap = await OpenAsync(Support);
            var missing = expected.Keys.Where(id => !stored.Any(s => s.Id == id)).ToList();
            var inMailbox = 0;
            foreach (var id in missing)
            {
                inMailbox += (await imap.Inbox.SearchAsync(SearchQuery.HeaderContains("Message-ID", id))).Count;
            }

            // Not in the mailbox: the server has not delivered it yet (Postfix's queue), which is no fault of ours.
            Console.WriteLine($"  gave up after {GiveUp.TotalSeconds:0} s: {missing.Count} not stored, {inMailbox} of them in the mailbox; watcher: {await Admin.GetStringAsync($"/api/accounts/{InboundAccountId}/watcher")}");
            Console.WriteLine($"  the server's last lines:\n{Server.LastOutput}");
        }

        // A stored message whose bytes differ from the ones delivered counts as lost: the customer's mail is not what we keep.
        var lost = expected.Count(e => !stored.Any(s => s.Id == e.Key && (e.Value is null || s.Sha == e.Value)));
        return new RoundResult(expected.Count, lost, stored.Count - stored.Select(s => s.Id).Distinct().Count(), await ProblemsAsync() - problemsBefore, recovery);
    }

    /// <summary>A customer message stored on the outbound account, answered by the agent through the API.</summary>
    public async Task<(long MessageId, string Header)> ReplyAsync(string body)
    {
        IncomingMailSeed.Seeded seeded;
        await using (var db = Database.NewContext())
        {
            seeded = await IncomingMailSeed.CreateAsync(db, new BlobStore(Path.Combine(_dataDirectory, "blobs")), OutboundAccountId,
                new IncomingMailSeed.Customer { To = Billing }, TimeProvider.System.GetUtcNow().UtcDateTime);
        }

        var response = await Agent.PostAsJsonAsync($"/api/interactions/{seeded.InteractionId}/reply", new { body });
        response.EnsureSuccessStatusCode();
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (queued.GetProperty("messageId").GetInt64(), queued.GetProperty("messageIdHeader").GetString()!);
    }

    /// <summary>Waits until at least <paramref name="count"/> of the messages are stored: a batch is being ingested.</summary>
    public async Task WaitStoredAsync(IReadOnlyCollection<string> messageIds, int count)
    {
        var watch = Stopwatch.StartNew();
        while (await StoredCountAsync(messageIds) < count && watch.Elapsed < GiveUp)
        {
            await Task.Delay(10);
        }
    }

    public Task<int> StoredCountAsync(IReadOnlyCollection<string> messageIds) =>
        Read(db => db.Messages.CountAsync(m => m.AccountId == InboundAccountId && messageIds.Contains(m.MessageIdHeader!)));

    /// <summary>The outbox state of each reply (after a kill: where the kill caught it).</summary>
    public Task<Dictionary<long, OutboxState>> OutboxStatesAsync(IReadOnlyList<(long MessageId, string Header)> replies)
    {
        var ids = replies.Select(r => r.MessageId).ToList();
        return Read(db => db.Outbox.Where(o => ids.Contains(o.MessageId)).ToDictionaryAsync(o => o.MessageId, o => o.State));
    }

    /// <summary>
    /// Waits until every reply is sent or failed (or gives up), then counts copies in the customer's INBOX by
    /// Message-ID; a reply there twice is named, with whether it was among <paramref name="midSend"/>.
    /// </summary>
    public async Task<RoundResult> OutboundAsync(IReadOnlyList<(long MessageId, string Header)> replies, Stopwatch since, IReadOnlyCollection<long>? midSend = null)
    {
        var states = new List<string?>();
        while (true)
        {
            states.Clear();
            foreach (var (messageId, _) in replies)
            {
                states.Add((await Agent.GetFromJsonAsync<JsonElement>($"/api/messages/{messageId}/delivery")).GetProperty("state").GetString());
            }

            if (states.All(s => s is "sent" or "failed") || since.Elapsed > GiveUp)
            {
                break;
            }

            await Task.Delay(100);
        }

        var recovery = since.Elapsed;
        // A repeated send would land within a second on this machine's Postfix.
        await Task.Delay(1000);
        using var imap = await OpenAsync(Customer);
        var (lost, duplicated) = (0, 0);
        foreach (var (messageId, header) in replies)
        {
            var copies = (await imap.Inbox.SearchAsync(SearchQuery.HeaderContains("Message-ID", header.Trim('<', '>')))).Count;
            lost += copies == 0 ? 1 : 0;
            duplicated += Math.Max(0, copies - 1);
            if (copies > 1)
            {
                Console.WriteLine($"  {header} arrived {copies} times; mid-send at the kill: {(midSend?.Contains(messageId) == true ? "yes" : "no")}");
            }
        }

        return new RoundResult(replies.Count, lost, duplicated, 0, recovery, states.Count(s => s == "failed"));
    }

    /// <summary>The invariant after a fault class: every Message-ID in the inbound mailbox is stored, once.</summary>
    public async Task<RoundResult> MailboxMismatchAsync()
    {
        await Task.Delay(500);
        using var imap = await OpenAsync(Support);
        var inMailbox = (await imap.Inbox.FetchAsync(0, -1, MessageSummaryItems.Envelope)).Select(s => s.Envelope?.MessageId).ToHashSet();
        var stored = await Read(db => db.Messages.AsNoTracking().Where(m => m.AccountId == InboundAccountId && m.Uid != null).Select(m => m.MessageIdHeader).ToListAsync());
        return new RoundResult(0, inMailbox.Count(id => !stored.Contains(id)), stored.Count - stored.Distinct().Count(), 0, TimeSpan.Zero);
    }

    public static async Task<string> WriteAsync(MimeMessage message, string file)
    {
        await message.WriteToAsync(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, file);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file)));
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Agent.Dispose();
        await Server.DisposeAsync();
        await Imap.DisposeAsync();
        await Smtp.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task StartServerAsync()
    {
        Server = await ServerProcess.StartAsync(Database, _dataDirectory, Settings);
        Admin = await Server.AdminClientAsync();
    }

    private static async Task<ImapClient> OpenAsync(string user)
    {
        var imap = new ImapClient();
        await imap.ConnectAsync(LocalMail.Host, TestEnvironment.ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(user, LocalMail.Passwords[user]);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        return imap;
    }

    private async Task<int> AccountAsync(object body, int memberId)
    {
        var response = await Admin.PostAsJsonAsync("/api/accounts", body);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await Admin.PostAsync($"/api/accounts/{id}/members/{memberId}", null)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<T> Read<T>(Func<MailroomDb, Task<T>> read)
    {
        await using var db = Database.NewContext();
        return await read(db);
    }
}
