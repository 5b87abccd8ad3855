using Mailroom.Core.Common;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Who a reply goes to and what it would quote, shown in the composer before the agent writes a word.</summary>
public sealed record AnswerPreviewView(IReadOnlyList<string> To, IReadOnlyList<string> Cc, string Original);

/// <summary>
/// The composer's view of an answer before it is sent: the recipients of a reply (Reply-To, else From) or a
/// reply all (everyone but the account), and the original for "Show original message". The same rules as the send.
/// </summary>
public sealed class AnswerPreview(MailroomDb db)
{
    public async Task<AnswerPreviewView> ForAsync(Actor actor, long interactionId, bool replyAll, CancellationToken ct)
    {
        var context = await ComposeContext.LoadAsync(db, actor, interactionId, null, ct);
        var (to, cc) = replyAll
            ? ReplyRecipients.ReplyAll(context.Original, context.OwnAddresses)
            : (ReplyRecipients.Reply(context.Original, context.OwnAddresses), []);
        return new AnswerPreviewView(to.Select(a => a.ToString()).ToList(), cc.Select(a => a.ToString()).ToList(),
            QuotedOriginal.Preview(context.Original));
    }
}
