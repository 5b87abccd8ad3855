using MailKit;
using Mailroom.Core.Accounts;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// Appends a sent message to the account's Sent folder (special-use \Sent) when the account asks for it, so
/// people reading the mailbox in another client see our replies. Best effort: the message is already sent.
/// </summary>
public sealed class SentFolderCopy(MailConnections connections, ILogger<SentFolderCopy> logger)
{
    public async Task TryAppendAsync(EmailAccount account, MimeMessage message, CancellationToken ct)
    {
        if (!account.SaveCopyToSentFolder)
        {
            return;
        }

        try
        {
            using var imap = await connections.OpenImapAsync(account, ct);
            var sent = (imap.Capabilities & MailKit.Net.Imap.ImapCapabilities.SpecialUse) != 0 ? imap.GetFolder(SpecialFolder.Sent) : null;
            sent ??= await imap.GetFolderAsync("Sent", ct);
            await sent.AppendAsync(new AppendRequest(message, MessageFlags.Seen), ct);
            await imap.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not save a copy of message {MessageId} to the Sent folder of account {AccountId}", message.MessageId, account.Id);
        }
    }
}
