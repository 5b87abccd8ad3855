using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Mailroom.Core;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Mailroom.Bench.Faults;

/// <summary>
/// One Mailroom (in process, SQLite) with an inbound account whose IMAP runs through one <see cref="FaultProxy"/>
/// and an outbound account whose SMTP runs through another, and the checks every round ends with.
/// </summary>
internal sealed class FaultRig : IAsyncDisposable
{
    public const string Support = "support@example.test";
    public const string Billing = "billing@example.test";
    public const string Customer = "customer@customer.test";
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(90);

    private FaultRig(TestDatabase database, FaultProxy imap, FaultProxy smtp, MailroomApp app)
    {
        Database = database;
        Imap = imap;
        Smtp = smtp;
        App = app;
    }

    public TestDatabase Database { get; }
    public FaultProxy Imap { get; }
    public FaultProxy Smtp { get; }
    public MailroomApp App { get; }
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Agent { get; private set; } = null!;
    public int InboundAccountId { get; private set; }
    public int OutboundAccountId { get; private set; }

    public static async Task<FaultRig> StartAsync()
    {
        await LocalMail.ControlAsync("reset", Support, Customer);
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        // A 5 s silence limit (150 s by default) with IDLE renewed every 2 s, so a healthy link is never silent
        // that long: a silent round costs seconds, not minutes. Everything else is as shipped.
        var app = new MailroomApp(database, settings: new Dictionary<string, string?>
        {
            ["Mailroom:Inbound:SilenceLimitSeconds"] = "5",
            ["Mailroom:Inbound:IdleRenewalSeconds"] = "2",
            ["Mailroom:Outbound:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Error",
        });
        var rig = new FaultRig(database, FaultProxy.Start(TestEnvironment.ImapPort), FaultProxy.Start(TestEnvironment.SmtpPort), app);
        rig.Admin = await app.AdminClientAsync();
        (var agentId, rig.Agent) = await app.CreateUserAsync(rig.Admin);
        rig.InboundAccountId = await rig.AccountAsync(LocalMail.AccountBody(Support, "FIN", transfer: new { accountTransferEnabled = false }, imapPort: rig.Imap.Port), agentId);
        rig.OutboundAccountId = await rig.AccountAsync(LocalMail.AccountBody(Billing, "FOUT", transfer: new { }, smtpPort: rig.Smtp.Port), agentId);
        await rig.WaitIdleAsync();
        return rig;
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
        }

        // A stored message whose bytes differ from the ones delivered counts as lost: the customer's mail is not what we keep.
        var lost = expected.Count(e => !stored.Any(s => s.Id == e.Key && (e.Value is null || s.Sha == e.Value)));
        return new RoundResult(expected.Count, lost, stored.Count - stored.Select(s => s.Id).Distinct().Count(), await ProblemsAsync() - problemsBefore, recovery);
    }

    /// <summary>A customer message stored on the outbound account, answered by the agent through the API.</summary>
    public async Task<(long MessageId, string Header)> ReplyAsync(string body)
    {
        IncomingMailSeed.Seeded seeded;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            seeded = await IncomingMailSeed.CreateAsync(scope.ServiceProvider.GetRequiredService<MailroomDb>(), scope.ServiceProvider.GetRequiredService<BlobStore>(),
                OutboundAccountId, new IncomingMailSeed.Customer { To = Billing }, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        }

        var response = await Agent.PostAsJsonAsync($"/api/interactions/{seeded.InteractionId}/reply", new { body });
        response.EnsureSuccessStatusCode();
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (queued.GetProperty("messageId").GetInt64(), queued.GetProperty("messageIdHeader").GetString()!);
    }

    /// <summary>Waits until every reply is sent or failed (or gives up), then counts copies in the customer's INBOX by Message-ID.</summary>
    public async Task<RoundResult> OutboundAsync(IReadOnlyList<(long MessageId, string Header)> replies, Stopwatch since)
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
        foreach (var (_, header) in replies)
        {
            var copies = (await imap.Inbox.SearchAsync(SearchQuery.HeaderContains("Message-ID", header.Trim('<', '>')))).Count;
            lost += copies == 0 ? 1 : 0;
            duplicated += Math.Max(0, copies - 1);
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
        App.Dispose();
        await Imap.DisposeAsync();
        await Smtp.DisposeAsync();
        await Database.DisposeAsync();
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
