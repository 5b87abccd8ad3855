using Mailroom.Core.Common;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Answers the customer: To is their Reply-To if set, else their From ("REPLY").</summary>
public sealed class Reply(MailroomDb db, AnswerComposer composer)
{
    public async Task<QueuedMessage> RunAsync(Actor actor, long interactionId, ComposeInput input, CancellationToken ct)
    {
        if (await SendOnce.EarlierAsync(db, actor, input, interactionId, ct) is { } earlier)
        {
            return earlier;
        }

        var context = await ComposeContext.LoadAsync(db, actor, interactionId, input.MessageId, ct);
        var to = ReplyRecipients.Reply(context.Original, context.OwnAddresses);
        return await composer.QueueAsync(actor, context, input, to, [], "reply", ct, quoted: QuotedOriginal.IfAsked(context.Original, input));
    }

}
