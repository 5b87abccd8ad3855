using System.Text;
using Mailroom.Core;
using Mailroom.Core.Accounts;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Core.Tests.Mail.Inbound;

/// <summary>A <see cref="MessageIngestor"/> on a fresh SQLite database and blob folder, with two accounts.</summary>
internal sealed class IngestFixture : IAsyncDisposable
{
    private readonly string _blobs = Path.Combine(Path.GetTempPath(), "mailroom-blobs-" + Guid.NewGuid().ToString("N"));
    private long _nextUid;

    private IngestFixture(TestDatabase database)
    {
        Database = database;
        Blobs = new BlobStore(_blobs);
        Ingestor = new MessageIngestor(database.ContextFactory(), Blobs, Time, NullLogger<MessageIngestor>.Instance);
    }

    public TestDatabase Database { get; }

    public BlobStore Blobs { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public MessageIngestor Ingestor { get; }

    public EmailAccount Support { get; private set; } = null!;

    public EmailAccount Sales { get; private set; } = null!;

    public static async Task<IngestFixture> CreateAsync()
    {
        var fixture = new IngestFixture(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite));
        await using var db = fixture.Database.NewContext();
        fixture.Support = new EmailAccount { Name = "Support", Key = "SUP", Address = "support@example.test" };
        fixture.Sales = new EmailAccount { Name = "Sales", Key = "SAL", Address = "sales@example.test" };
        db.Accounts.AddRange(fixture.Support, fixture.Sales);
        await db.SaveChangesAsync();
        return fixture;
    }

    /// <summary>Ingests a message at the next UID of the account's INBOX.</summary>
    public Task<IngestOutcome> IngestAsync(EmailAccount account, string raw, long uidValidity = 1, long? uid = null) =>
        Ingestor.IngestAsync(account, new MailboxPosition(account.Id, "INBOX", uidValidity, uid ?? ++_nextUid), Encoding.UTF8.GetBytes(raw), CancellationToken.None);

    /// <summary>Ingests messages fetched together, at the next UIDs: one transaction, as the watcher does with a backlog.</summary>
    public Task<IReadOnlyList<IngestOutcome>> IngestBatchAsync(EmailAccount account, IEnumerable<string> raws) =>
        Ingestor.IngestBatchAsync(account, raws.Select(raw => new FetchedMail(new MailboxPosition(account.Id, "INBOX", 1, ++_nextUid), Encoding.UTF8.GetBytes(raw)))
            .ToList(), CancellationToken.None);

    /// <summary>Ingests one of the .eml files in Fixtures/ byte for byte, as the mailbox would hand it over.</summary>
    public Task<IngestOutcome> IngestFileAsync(EmailAccount account, string fixture) =>
        Ingestor.IngestAsync(account, new MailboxPosition(account.Id, "INBOX", 1, ++_nextUid),
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Mail", "Inbound", "Fixtures", fixture)), CancellationToken.None);

    public static string Mail(string subject, string messageId, string? inReplyTo = null, string from = "Ann Customer <ann@customer.test>",
        string to = "support@example.test", string? cc = null, string extraHeaders = "", string body = "Hello", DateTimeOffset? date = null) =>
        $"From: {from}\r\nTo: {to}\r\n" + (cc is null ? "" : $"Cc: {cc}\r\n") + $"Subject: {subject}\r\nMessage-ID: <{messageId}>\r\n"
        + (inReplyTo is null ? "" : $"In-Reply-To: <{inReplyTo}>\r\nReferences: <{inReplyTo}>\r\n") + extraHeaders
        + $"Date: {date?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "Mon, 23 Nov 2026 08:00:00 +0000"}\r\n\r\n{body}\r\n";

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(_blobs, recursive: true);
    }
}
