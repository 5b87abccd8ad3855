using Mailroom.Core.Common;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Forwards a message of the interaction, with its attachments, to any addresses ("FORWARD").</summary>
public sealed class Forward(MailroomDb db, AnswerComposer composer)
{
    public async Task<QueuedMessage> RunAsync(Actor actor, long interactionId, ComposeInput input, CancellationToken ct)
    {
        if (await SendOnce.EarlierAsync(db, actor, input, interactionId, ct) is { } earlier)
        {
            return earlier;
        }

        var context = await ComposeContext.LoadAsync(db, actor, interactionId, input.MessageId, ct);
        var attachments = context.Original.Attachments.Select(DraftAttachment.From).ToList();
        return await composer.QueueAsync(actor, context, input, [], [], "forward", ct, "Fwd:", QuotedOriginal.Forwarded(context.Original, input.Format), attachments);
    }

}
