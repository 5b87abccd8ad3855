using Mailroom.Core.Accounts;
using Mailroom.Core.Interactions;
using MimeKit;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>A message ready to be built and queued: recipients decided, attachments resolved to blobs.</summary>
internal sealed record OutgoingDraft(
    EmailAccount Account,
    List<MailboxAddress> To,
    List<MailboxAddress> Cc,
    List<MailboxAddress> Bcc,
    string Subject,
    string? HtmlBody,
    string TextBody,
    IReadOnlyList<DraftAttachment> Attachments,
    ThreadHeaders Thread,
    string Action,
    MessageKind Kind = MessageKind.Agent,
    IReadOnlyList<KeyValuePair<string, string>>? ExtraHeaders = null);

/// <summary>An attachment already in the blob store (an upload, or a forwarded original's part).</summary>
internal sealed record DraftAttachment(string BlobSha256, string FileName, string ContentType, long Size, string? ContentId)
{
    public bool IsInline => ContentId is not null;

    public static DraftAttachment From(Attachment a) => new(a.BlobSha256, a.FileName, a.ContentType, a.Size, a.IsInline ? a.ContentId : null);
}
