using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using MimeKit;

namespace Mailroom.TestSupport;

/// <summary>
/// Stands in for inbound ingestion in outbound tests: an open interaction holding one customer message with
/// realistic headers, its raw .eml in the blob store.
/// </summary>
public static class IncomingMailSeed
{
    public sealed record Seeded(long InteractionId, long MessageId, string MessageIdHeader, string Subject);

    public sealed record Customer
    {
        public string From { get; init; } = "customer@customer.test";
        public string? FromName { get; init; } = "Carla Customer";
        public string? ReplyTo { get; init; }
        public string To { get; init; } = "support@example.test";
        public string Cc { get; init; } = "";
        public string? References { get; init; }
        public string Subject { get; init; } = "Help " + Guid.NewGuid().ToString("N");

        /// <summary>Attachments as (file name, content type, bytes).</summary>
        public IReadOnlyList<(string Name, string Type, byte[] Bytes)> Attachments { get; init; } = [];
    }

    public static async Task<Seeded> CreateAsync(MailroomDb db, BlobStore blobs, int accountId, Customer customer, DateTime now, int? assignedUserId = null)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(customer.FromName ?? "", customer.From));
        if (customer.ReplyTo is not null)
        {
            mime.ReplyTo.AddRange(InternetAddressList.Parse(customer.ReplyTo));
        }

        mime.To.AddRange(InternetAddressList.Parse(customer.To));
        if (customer.Cc.Length > 0)
        {
            mime.Cc.AddRange(InternetAddressList.Parse(customer.Cc));
        }

        mime.Subject = customer.Subject;
        mime.Date = new DateTimeOffset(now, TimeSpan.Zero);
        mime.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.test");
        foreach (var reference in (customer.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            mime.References.Add(reference.Trim('<', '>'));
        }

        var body = new BodyBuilder { TextBody = "Hello, my order did not arrive.\n" };
        var attachmentRows = new List<Attachment>();
        foreach (var (name, type, bytes) in customer.Attachments)
        {
            body.Attachments.Add(name, bytes, ContentType.Parse(type));
            attachmentRows.Add(new Attachment { FileName = name, ContentType = type, Size = bytes.Length, BlobSha256 = await blobs.PutAsync(bytes) });
        }

        mime.Body = body.ToMessageBody();
        using var raw = new MemoryStream();
        await mime.WriteToAsync(raw);
        var sha = await blobs.PutAsync(raw.ToArray());

        var interaction = new Interaction
        {
            AccountId = accountId,
            Subject = customer.Subject,
            Status = InteractionStatus.Open,
            AssignedUserId = assignedUserId,
            UnreadCount = 1,
            LastMessageDirection = MessageDirection.Incoming,
            LastMessageAt = now,
            LastActivityAt = now,
            CreatedAt = now,
        };
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync();
        var message = new Message
        {
            InteractionId = interaction.Id,
            AccountId = accountId,
            Direction = MessageDirection.Incoming,
            Kind = MessageKind.Customer,
            MessageIdHeader = mime.MessageId,
            References = mime.References.Count == 0 ? null : string.Join(' ', mime.References),
            From = customer.From,
            FromName = customer.FromName,
            To = mime.To.ToString(),
            Cc = mime.Cc.ToString(),
            ReplyTo = customer.ReplyTo,
            Subject = customer.Subject,
            Date = now,
            TextBody = "Hello, my order did not arrive.\n",
            RawSha256 = sha,
            RawSize = raw.Length,
            CreatedAt = now,
            Attachments = attachmentRows,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return new Seeded(interaction.Id, message.Id, mime.MessageId, customer.Subject);
    }
}
