using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using MimeKit;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Turns an answer in an existing interaction (reply, reply all, forward) into a queued message.</summary>
public sealed class AnswerComposer(BlobStore blobs, UploadTickets tickets, Signature signature, QueueOutgoing queue)
{
    internal async Task<QueuedMessage> QueueAsync(Actor actor, ComposeContext context, ComposeInput input,
        List<MailboxAddress> to, List<MailboxAddress> cc, string action, CancellationToken ct,
        string subjectPrefix = "Re:", string? quoted = null, IReadOnlyList<DraftAttachment>? originalAttachments = null,
        MessageKind kind = MessageKind.Agent, IReadOnlyList<KeyValuePair<string, string>>? extraHeaders = null)
    {
        to = Addresses.Distinct(to.Concat(ComposeContext.Parse("to", input.To)), []);
        cc = Addresses.Distinct(cc.Concat(ComposeContext.Parse("cc", input.Cc)), to.Select(a => a.Address));
        var bcc = Addresses.Distinct(ComposeContext.Parse("bcc", input.Bcc), to.Concat(cc).Select(a => a.Address));
        var attachments = AttachmentLimits.Resolve(input.Attachments, blobs, tickets, actor).Concat(originalAttachments ?? []).ToList();
        var body = (input.Body ?? "") + (quoted ?? "");
        var (html, text) = await signature.ApplyAsync(body, input.Format, context.Account, context.Interaction, actor.UserId, ct);
        var subject = input.Subject is { Length: > 0 } s ? s : ThreadHeaders.Subject(subjectPrefix, context.Original.Subject);
        var draft = new OutgoingDraft(context.Account, to, cc, bcc, subject, html, text, attachments, ThreadHeaders.Answering(context.Original), action, kind, extraHeaders);
        return await queue.RunAsync(actor, context.Interaction, draft, input, ct);
    }
}
