using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Templates;

namespace Mailroom.Core.Transfers;

/// <summary>
/// The automatic email on account transfer: sent from the new account, in reply to the customer's last
/// message before the transfer, so its From and Reply-To show the customer where to write now. It names only
/// the most recent previous account. Mailroom sends it, not the agent who transferred: after the hop the
/// interaction is read-only for them, and the notice is nobody's answer.
/// </summary>
public sealed class AccountTransferNotice(AutomaticReply automatic, TemplateRenderer templates)
{
    public const string DefaultTemplate =
        "<p>Hello,</p><p>your request has been moved from {{fromAccount}} to {{toAccount}}. Simply reply to this email to continue.</p>";

    public async Task<QueuedMessage?> SendIfEnabledAsync(TransferResult transfer, CancellationToken ct)
    {
        if (!transfer.From.Transfer.AutoMailOnAccountTransfer || transfer.LastCustomerMessageId is not { } lastCustomerMessageId)
        {
            return null;
        }

        var body = templates.Render(transfer.From.Transfer.AccountTransferTemplate is { Length: > 0 } t ? t : DefaultTemplate,
            new Dictionary<string, object?>
            {
                ["fromAccount"] = transfer.From.Address,
                ["toAccount"] = transfer.To.Address,
                ["fromAccountName"] = transfer.From.Name,
                ["toAccountName"] = transfer.To.Name,
                ["interactionId"] = transfer.InteractionId,
            });
        return await automatic.RunAsync(transfer.InteractionId, lastCustomerMessageId, body, replyAll: false, ct, MessageKind.TransferNotice);
    }
}
