using System.Globalization;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Forwards a message of the interaction, with its attachments, to any addresses (003 "FORWARD").</summary>
public sealed class Forward(MailroomDb db, AnswerComposer composer)
{
    public async Task<QueuedMessage> RunAsync(Actor actor, long interactionId, ComposeInput input, CancellationToken ct)
    {
        var context = await ComposeContext.LoadAsync(db, actor, interactionId, input.MessageId, ct);
        var attachments = context.Original.Attachments.Select(DraftAttachment.From).ToList();
        return await composer.QueueAsync(actor, context, input, [], [], "forward", ct, "Fwd:", Quote(context.Original, input.Format), attachments);
    }

    /// <summary>The forwarded message under the agent's words, as mail clients show it.</summary>
    private static string Quote(Message original, BodyFormat format)
    {
        var date = original.Date?.ToString("ddd, d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";
        var from = original.FromName is { Length: > 0 } name ? $"{name} <{original.From}>" : original.From;
        var header = $"---------- Forwarded message ----------\nFrom: {from}\nDate: {date}\nSubject: {original.Subject}\nTo: {original.To}\n";
        if (!string.IsNullOrEmpty(original.Cc))
        {
            header += $"Cc: {original.Cc}\n";
        }

        if (format == BodyFormat.Text)
        {
            return $"\n\n{header}\n{original.TextBody ?? (original.HtmlBody is { } h ? HtmlToText.Convert(h) : "")}";
        }

        var body = original.HtmlBody ?? Signature.Encode(original.TextBody ?? "");
        return $"<br><br><div class=\"forwarded\">{Signature.Encode(header)}<br>{body}</div>";
    }
}
