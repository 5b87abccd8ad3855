using Mailroom.Core.Storage;
using MimeKit;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Builds the MIME message exactly as it will be stored and transmitted.</summary>
internal static class OutgoingMime
{
    public static async Task<MimeMessage> BuildAsync(OutgoingDraft draft, string messageId, DateTime now, BlobStore blobs, CancellationToken ct)
    {
        var message = new MimeMessage();
        // From and Reply-To are the interaction's current account: after an account transfer the customer's
        // next answer reaches the new account.
        var account = new MailboxAddress(draft.Account.Name, draft.Account.Address);
        message.From.Add(account);
        message.ReplyTo.Add(account);
        message.To.AddRange(draft.To);
        message.Cc.AddRange(draft.Cc);
        // Kept in the stored copy so the interaction shows who was in Bcc; the sender strips it on the wire.
        message.Bcc.AddRange(draft.Bcc);
        message.Subject = draft.Subject;
        message.Date = new DateTimeOffset(now, TimeSpan.Zero);
        message.MessageId = messageId;
        if (draft.Thread.InReplyTo is { } inReplyTo)
        {
            message.InReplyTo = inReplyTo;
        }

        foreach (var reference in draft.Thread.References)
        {
            message.References.Add(reference);
        }

        foreach (var (name, value) in draft.ExtraHeaders ?? [])
        {
            message.Headers.Add(name, value);
        }

        var body = new BodyBuilder { TextBody = draft.TextBody, HtmlBody = draft.HtmlBody };
        foreach (var attachment in draft.Attachments)
        {
            var bytes = await blobs.ReadAllAsync(attachment.BlobSha256, ct);
            var contentType = ContentType.TryParse(attachment.ContentType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
            if (attachment.IsInline && draft.HtmlBody is not null)
            {
                var part = body.LinkedResources.Add(attachment.FileName, bytes, contentType);
                part.ContentId = attachment.ContentId;
            }
            else
            {
                body.Attachments.Add(attachment.FileName, bytes, contentType);
            }
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    public static byte[] Serialize(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(FormatOptions.Default, stream);
        return stream.ToArray();
    }

    /// <summary>A Message-ID in the account's own domain, fixed at queue time so receivers can dedupe a resend.</summary>
    public static string NewMessageId(string accountAddress)
    {
        var at = accountAddress.LastIndexOf('@');
        var domain = at >= 0 ? accountAddress[(at + 1)..] : "mailroom.local";
        return $"{Guid.NewGuid():N}@{domain}";
    }
}
