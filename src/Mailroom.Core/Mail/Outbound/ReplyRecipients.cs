using Mailroom.Core.Interactions;
using MimeKit;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Who a reply or a reply all goes to, from the customer's message ("REPLY", "REPLY TO ALL").</summary>
public static class ReplyRecipients
{
    /// <summary>The sender's Reply-To if they set one, else their From.</summary>
    public static List<MailboxAddress> Reply(Message original, IReadOnlyCollection<string> ownAddresses)
    {
        var replyTo = Addresses.Parse(original.ReplyTo);
        var to = replyTo.Count > 0
            ? replyTo
            : [new MailboxAddress(original.FromName ?? "", original.From)];
        return Addresses.Distinct(to, ownAddresses);
    }

    /// <summary>
    /// Reply plus everyone else the customer wrote to: their To stays in To and their Cc in Cc, like a mail
    /// client, without the account's own addresses (we must not mail ourselves) and without duplicates.
    /// </summary>
    public static (List<MailboxAddress> To, List<MailboxAddress> Cc) ReplyAll(Message original, IReadOnlyCollection<string> ownAddresses)
    {
        var to = Addresses.Distinct(Reply(original, ownAddresses).Concat(Addresses.Parse(original.To)), ownAddresses);
        var cc = Addresses.Distinct(Addresses.Parse(original.Cc), ownAddresses.Concat(to.Select(a => a.Address)));
        return (to, cc);
    }
}
