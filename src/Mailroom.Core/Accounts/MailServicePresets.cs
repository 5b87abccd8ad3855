namespace Mailroom.Core.Accounts;

/// <summary>Host and port presets of the well-known services (002 "Service"); Custom keeps what the admin typed.</summary>
public static class MailServicePresets
{
    private static readonly Dictionary<MailService, (string ImapHost, string SmtpHost)> Hosts = new()
    {
        [MailService.Gmail] = ("imap.gmail.com", "smtp.gmail.com"),
        [MailService.Yahoo] = ("imap.mail.yahoo.com", "smtp.mail.yahoo.com"),
        [MailService.Hotmail] = ("outlook.office365.com", "smtp-mail.outlook.com"),
        [MailService.Outlook365] = ("outlook.office365.com", "smtp.office365.com"),
    };

    public static void Apply(EmailAccount account)
    {
        if (!Hosts.TryGetValue(account.Service, out var hosts))
        {
            return;
        }

        account.Imap.Host = hosts.ImapHost;
        account.Imap.Port = 993;
        account.Imap.Ssl = true;
        account.Imap.Authentication = true;
        account.Smtp.Host = hosts.SmtpHost;
        // Office 365 and Hotmail submit on 587 with STARTTLS; Gmail and Yahoo on 465 with implicit TLS.
        var startTls = account.Service is MailService.Hotmail or MailService.Outlook365;
        account.Smtp.Port = startTls ? 587 : 465;
        account.Smtp.Secure = true;
        account.Smtp.Authentication = true;
    }
}
