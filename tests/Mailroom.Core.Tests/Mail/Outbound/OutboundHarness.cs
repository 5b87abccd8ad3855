using Mailroom.Core.Accounts;
using Mailroom.Core.AgentPresence;
using Mailroom.Core.Closing;
using Mailroom.Core.Common;
using Mailroom.Core.Mail;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Security;
using Mailroom.Core.Storage;
using Mailroom.Core.Templates;
using Mailroom.Core.Tests.OAuth;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Core.Tests.Mail.Outbound;

/// <summary>The outbound use cases wired by hand on a private SQLite database, a blob folder and a fake clock.</summary>
internal sealed class OutboundHarness : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly string _blobRoot = Path.Combine(Path.GetTempPath(), "mailroom-blobs-" + Guid.NewGuid().ToString("N"));

    private OutboundHarness(TestDatabase database)
    {
        _database = database;
        Blobs = new BlobStore(_blobRoot);
        Db = database.NewContext();
        Uploads = new UploadTickets(new EphemeralDataProtectionProvider(), Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public BlobStore Blobs { get; }

    public MailroomDb Db { get; }

    public SecretProtector Secrets { get; } = new(new EphemeralDataProtectionProvider());

    public OutboxSignal Signal { get; } = new();

    public UploadTickets Uploads { get; }

    public Actor Agent { get; private set; } = new(0, Role.Agent);

    public static async Task<OutboundHarness> CreateAsync()
    {
        var harness = new OutboundHarness(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite));
        var user = new User { Email = "ann@example.test", DisplayName = "Ann Agent", CreatedAt = harness.Now };
        harness.Db.Users.Add(user);
        await harness.Db.SaveChangesAsync();
        harness.Agent = new Actor(user.Id, Role.Agent);
        return harness;
    }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public async Task<EmailAccount> AccountAsync(string address, string key, int smtpPort = 25, string? signature = null)
    {
        var account = new EmailAccount
        {
            Name = key + " team",
            Key = key,
            Address = address,
            SignatureTemplate = signature,
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = smtpPort, Secure = false, Authentication = false },
            Imap = new ImapSettings { Host = "127.0.0.1", ConnectionTimeoutSeconds = 2 },
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        Db.Accounts.Add(account);
        await Db.SaveChangesAsync();
        Db.AccountMembers.Add(new AccountMember { AccountId = account.Id, UserId = Agent.UserId });
        await Db.SaveChangesAsync();
        return account;
    }

    /// <summary>No undo hold unless a test asks for one: most tests want the message due at once.</summary>
    public OutboundOptions Options { get; } = new() { UndoHold = TimeSpan.Zero };

    /// <summary>A context of its own, for reading while <see cref="Db"/> is busy in a pass.</summary>
    public MailroomDb NewContext() => _database.NewContext();

    public QueueOutgoing Queue() => new(Db, Blobs, Time, Signal, new InteractionCloser(Db, new SetPresence(Db, Time)), Options);

    public AnswerComposer Composer() => new(Blobs, Uploads, new Signature(Db, new TemplateRenderer()), Queue());

    public Reply Reply() => new(Db, Composer());

    public ReplyAll ReplyAll() => new(Db, Composer());

    public Forward Forward() => new(Db, Composer());

    public NewMessage NewMessage() => new(Db, Blobs, Uploads, new Signature(Db, new TemplateRenderer()), Queue(), Time);

    /// <summary>The sender over sockets, or over the scripted sessions of <paramref name="server"/>.</summary>
    public OutboxDelivery Delivery(IMailConnector? server = null)
    {
        var connections = TestConnections.Create(_database.ContextFactory(), Secrets, server ?? new SocketMailConnector(), Time);
        return new(Db, _database.ContextFactory(), Blobs, connections, new SentFolderCopy(connections, NullLogger<SentFolderCopy>.Instance),
            Time, Options, NullLogger<OutboxDelivery>.Instance);
    }

    public async Task<MimeKit.MimeMessage> RawAsync(long messageId)
    {
        var sha = Db.Messages.Where(m => m.Id == messageId).Select(m => m.RawSha256).First();
        await using var stream = Blobs.OpenRead(sha);
        return await MimeKit.MimeMessage.LoadAsync(stream);
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        Signal.Dispose();
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_blobRoot, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }
}
