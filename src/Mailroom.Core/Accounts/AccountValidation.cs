using Mailroom.Core.Common;
using Mailroom.Core.Templates;

namespace Mailroom.Core.Accounts;

internal static class AccountValidation
{
    // "the allowed values range is 1-2147483" (seconds that still fit a 32-bit millisecond timer).
    private const int MaxWaitSeconds = 2147483;

    public static void Validate(AccountInput input, TemplateRenderer templates)
    {
        var v = new Validator()
            .Required("name", input.Name).Length("name", input.Name, 1, 100)
            .Required("key", input.Key).Length("key", input.Key, 1, 5)
            .Email("address", input.Address)
            .Range("waitForAssignedAgentSeconds", input.WaitForAssignedAgentSeconds, 1, MaxWaitSeconds)
            .Range("waitForAssignedQueueSeconds", input.WaitForAssignedQueueSeconds, 1, MaxWaitSeconds)
            .Range("imap.port", input.Imap.Port, 1, 65535)
            .Range("imap.connectionTimeoutSeconds", input.Imap.ConnectionTimeoutSeconds, 1, 600)
            .Range("imap.authenticationTimeoutSeconds", input.Imap.AuthenticationTimeoutSeconds, 1, 600)
            .Required("imap.mailbox", input.Imap.Mailbox)
            .Range("smtp.port", input.Smtp.Port, 1, 65535)
            .Range("transfer.toQueueTimeoutSeconds", input.Transfer.ToQueueTimeoutSeconds, 1, MaxWaitSeconds)
            .Range("transfer.toAgentTimeoutSeconds", input.Transfer.ToAgentTimeoutSeconds, 1, MaxWaitSeconds)
            .Range("hold.floodLimit", input.Hold.FloodLimit, 1, 10000)
            .Range("hold.floodWindowMinutes", input.Hold.FloodWindowMinutes, 1, 1440)
            .Range("hold.expiryDays", input.Hold.ExpiryDays, 1, 3650)
            .When(input.Hold.SpamAssassinScore is < -100 or > 100, "hold.spamAssassinScore", "must be between -100 and 100.")
            .When(input.Hold.RspamdScore is < -100 or > 100, "hold.rspamdScore", "must be between -100 and 100.")
            .When(input.Retention?.Days is < 1 or > 36500, "retention.days", "must be between 1 and 36500 days, or empty to keep everything.")
            .When(input.Retention is { } r && !Enum.IsDefined(r.Mode), "retention.mode", "must be delete or anonymise.")
            .When(input.Key is not null && input.Key.Any(char.IsWhiteSpace), "key", "must not contain spaces.");
        if (input.Service == MailService.Custom)
        {
            v.Required("imap.host", input.Imap.Host).Required("smtp.host", input.Smtp.Host);
        }

        templates.Validate(v, "signatureTemplate", input.SignatureTemplate);
        templates.Validate(v, "transfer.accountTransferTemplate", input.Transfer.AccountTransferTemplate);
        v.ThrowIfInvalid();
    }
}
