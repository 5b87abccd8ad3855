using Mailroom.Core.Common;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Answers the customer and everyone they wrote to, except the account itself ("REPLY TO ALL").</summary>
public sealed class ReplyAll(MailroomDb db, AnswerComposer composer)
{
    public async Task<QueuedMessage> RunAsync(Actor actor, long interactionId, ComposeInput input, CancellationToken ct)
    {
        if (await SendOnce.EarlierAsync(db, actor, input, interactionId, ct) is { } earlier)
        {
            return earlier;
        }

        var context = await ComposeContext.LoadAsync(db, actor, interactionId, input.MessageId, ct);
        var (to, cc) = ReplyRecipients.ReplyAll(context.Original, context.OwnAddresses);
        return await composer.QueueAsync(actor, context, input, to, cc, "reply-all", ct, quoted: QuotedOriginal.IfAsked(context.Original, input));
    }

}
