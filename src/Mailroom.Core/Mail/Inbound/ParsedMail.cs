using System.Text.RegularExpressions;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Held;
using Mailroom.Core.Mail.Inbound.Decoding;
using MimeKit;

namespace Mailroom.Core.Mail.Inbound;

/// <summary>An attachment or inline part, decoded, waiting for the blob store.</summary>
public sealed record ParsedPart(string FileName, string ContentType, string? ContentId, bool IsInline, byte[] Content);

/// <summary>The fields Mailroom keeps of a received message, read once from its MIME structure.</summary>
public sealed partial record ParsedMail(
    string? MessageId,
    string? InReplyTo,
    IReadOnlyList<string> References,
    MailboxAddress? From,
    string? FromFallback,
    string To,
    string Cc,
    string Bcc,
    string? ReplyTo,
    string Subject,
    DateTime? Date,
    string? TextBody,
    string? HtmlBody,
    bool IsAutomatic,
    IReadOnlyList<ParsedPart> Parts,
    InternetAddressList ToList,
    InternetAddressList CcList,
    MailSigns Signs)
{
    public const int PreviewLength = 200;

    private static readonly string[] BulkPrecedence = ["bulk", "list", "junk"];

    /// <summary>Parses raw bytes; MimeKit's exceptions (a truly broken message) reach the caller.</summary>
    public static ParsedMail Parse(ReadOnlyMemory<byte> raw) => FromMime(MailParser.Load(raw));

    public static ParsedMail FromMime(MimeMessage message)
    {
        var (from, fallback) = Author(message);
        var (text, html) = DisplayBody.Extract(message);
        var automatic = IsAutomaticMessage(message);
        return new(
            Clean(message.MessageId),
            Clean(message.InReplyTo),
            message.References.Select(r => Clean(r)!).Where(r => r.Length > 0).Distinct().ToList(),
            from,
            fallback,
            Join(message.To),
            Join(message.Cc),
            Join(message.Bcc),
            message.ReplyTo.Count > 0 ? Join(message.ReplyTo) : null,
            message.Subject ?? "",
            message.Headers.Contains(HeaderId.Date) ? message.Date.UtcDateTime : null,
            text,
            html,
            automatic,
            Attachments(message),
            message.To,
            message.Cc,
            MailScreen.Screen(message, automatic));
    }

    /// <summary>Where the account's address appears: To wins over Cc; absent from both means it came as Bcc.</summary>
    public AddressedAs AddressedTo(string accountAddress)
    {
        static bool Has(InternetAddressList list, string address) =>
            list.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));

        return Has(ToList, accountAddress) ? AddressedAs.To
            : Has(CcList, accountAddress) ? AddressedAs.Cc
            : AddressedAs.Bcc;
    }

    /// <summary>The start of the text the list shows under the subject: plain text, else the HTML's text.</summary>
    public string Preview()
    {
        var text = TextBody ?? (HtmlBody is null ? "" : Tags().Replace(HtmlBody, " "));
        text = System.Net.WebUtility.HtmlDecode(Whitespace().Replace(text, " ")).Trim();
        return text.Length <= PreviewLength ? text : text[..PreviewLength];
    }

    /// <summary>In-Reply-To first (the direct parent), then References newest first.</summary>
    public IReadOnlyList<string> ThreadIds() =>
        (InReplyTo is null ? References.Reverse() : References.Reverse().Prepend(InReplyTo)).Distinct().ToList();

    /// <summary>
    /// Who wrote it: From, else (a form mailer, an empty "undisclosed" group) the Sender, else the first
    /// Reply-To, named in <c>FromFallback</c> so the agent sees the address was not in From.
    /// </summary>
    private static (MailboxAddress? From, string? Fallback) Author(MimeMessage message)
    {
        static bool Usable(MailboxAddress? m) => m is not null && m.Address.Contains('@', StringComparison.Ordinal);

        return message.From.Mailboxes.FirstOrDefault(Usable) is { } from ? (from, null)
            : Usable(message.Sender) ? (message.Sender, "Sender")
            : message.ReplyTo.Mailboxes.FirstOrDefault(Usable) is { } replyTo ? (replyTo, "Reply-To")
            : (message.From.Mailboxes.FirstOrDefault(), null);
    }

    // RFC 3834: any Auto-Submitted value but "no" is a machine; Precedence is the older convention of lists.
    private static bool IsAutomaticMessage(MimeMessage message)
    {
        var autoSubmitted = message.Headers[HeaderId.AutoSubmitted]?.Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(autoSubmitted) && !autoSubmitted.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var precedence = message.Headers[HeaderId.Precedence]?.Trim();
        return precedence is not null && BulkPrecedence.Contains(precedence, StringComparer.OrdinalIgnoreCase);
    }

    private static List<ParsedPart> Attachments(MimeMessage message)
    {
        var parts = new List<ParsedPart>();
        foreach (var entity in message.BodyParts)
        {
            switch (entity)
            {
                // The parts shown as the body are already in TextBody/HtmlBody.
                case TextPart text when DisplayBody.IsDisplayed(text):
                    break;
                case MimePart part:
                    using (var content = new MemoryStream())
                    {
                        part.Content?.DecodeTo(content);
                        parts.Add(new ParsedPart(
                            FileNames.Clean(part.FileName, $"part{parts.Count + 1}"), part.ContentType.MimeType, Clean(part.ContentId),
                            !part.IsAttachment, content.ToArray()));
                    }

                    break;
                case MessagePart attached when attached.Message is not null:
                    using (var content = new MemoryStream())
                    {
                        attached.Message.WriteTo(content);
                        parts.Add(new ParsedPart(
                            FileNames.Clean(attached.ContentDisposition?.FileName, $"message{parts.Count + 1}.eml"), "message/rfc822", null, false, content.ToArray()));
                    }

                    break;
            }
        }

        return parts;
    }

    private static string Join(InternetAddressList list) => string.Join(", ", list.Mailboxes.Select(m => m.Address));

    private static string? Clean(string? id) => string.IsNullOrWhiteSpace(id) ? null : id.Trim().Trim('<', '>');

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
