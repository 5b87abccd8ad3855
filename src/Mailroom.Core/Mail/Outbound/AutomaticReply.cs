using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// A reply (or reply all) that Mailroom itself sends, such as an action plan's auto reply: marked for RFC 3834
/// so other robots do not answer it, recorded as <see cref="MessageKind.AutoReply"/> so it is never the
/// interaction's last message or first response.
/// </summary>
public sealed class AutomaticReply(MailroomDb db, AnswerComposer composer)
{
    public static readonly IReadOnlyList<KeyValuePair<string, string>> AntiLoopHeaders =
    [
        new("Auto-Submitted", "auto-replied"),
        new("X-Auto-Response-Suppress", "All"),
    ];

    /// <param name="kind">What kind of automatic answer: an action plan's auto reply, or the notice of an account
    /// transfer; neither is anybody's answer.</param>
    public async Task<QueuedMessage> RunAsync(long interactionId, long messageId, string htmlBody, bool replyAll, CancellationToken ct,
        MessageKind kind = MessageKind.AutoReply)
    {
        var context = await ComposeContext.LoadAsync(db, Actor.System, interactionId, messageId, ct);
        var (to, cc) = replyAll
            ? ReplyRecipients.ReplyAll(context.Original, context.OwnAddresses)
            : (ReplyRecipients.Reply(context.Original, context.OwnAddresses), []);
        return await composer.QueueAsync(Actor.System, context, new ComposeInput { Body = htmlBody, MessageId = messageId }, to, cc,
            kind == MessageKind.AutoReply ? "auto-reply" : "transfer-notice", ct, kind: kind, extraHeaders: AntiLoopHeaders);
    }
}
