namespace Mailroom.Core.Accounts;

/// <summary>Host and port presets of the well-known services ("Service"); Custom keeps what the admin typed.</summary>
public static class MailServicePresets
{
    private static readonly Dictionary<MailService, (string ImapHost, string SmtpHost)> Hosts = new()
    {
        [MailService.Gmail] = ("imap.gmail.com", "smtp.gmail.com"),
        [MailService.Yahoo] = ("imap.mail.yahoo.com", "smtp.mail.yahoo.com"),
        [MailService.Hotmail] = ("outlook.office365.com", "smtp-mail.outlook.com"),
        [MailService.Outlook365] = ("outlook.office365.com", "smtp.office365.com"),
    };

    /// <summary>The servers a preset service uses, or null for Custom.</summary>
    public static MailServicePreset? Find(MailService service)
    {
        if (!Hosts.TryGetValue(service, out var hosts))
        {
            return null;
        }

        // Office 365 and Hotmail submit on 587 with STARTTLS; Gmail and Yahoo on 465 with implicit TLS.
        var startTls = service is MailService.Hotmail or MailService.Outlook365;
        return new MailServicePreset(hosts.ImapHost, 993, hosts.SmtpHost, startTls ? 587 : 465);
    }

    public static void Apply(EmailAccount account)
    {
        if (Find(account.Service) is not { } preset)
        {
            return;
        }

        account.Imap.Host = preset.ImapHost;
        account.Imap.Port = preset.ImapPort;
        account.Imap.Ssl = true;
        account.Imap.Authentication = true;
        account.Smtp.Host = preset.SmtpHost;
        account.Smtp.Port = preset.SmtpPort;
        account.Smtp.Secure = true;
        account.Smtp.Authentication = true;
    }
}

/// <summary>A preset's servers; both always use TLS and authentication.</summary>
public sealed record MailServicePreset(string ImapHost, int ImapPort, string SmtpHost, int SmtpPort);
