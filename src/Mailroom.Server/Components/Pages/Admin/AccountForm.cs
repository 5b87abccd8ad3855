using Mailroom.Core.Accounts;

namespace Mailroom.Server.Components.Pages.Admin;

/// <summary>The editable state of the account form; passwords start empty and stay unchanged unless typed.</summary>
public sealed class AccountForm
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public string Address { get; set; } = "";
    public int? DefaultContactListId { get; set; }
    public bool Active { get; set; } = true;
    public MailService Service { get; set; } = MailService.Custom;
    public string? Description { get; set; }
    public MailAuthMethod AuthMethod { get; set; }
    public int? OAuthAppId { get; set; }
    public string? ImapPassword { get; set; }
    public string? SmtpPassword { get; set; }
    public bool MarkAsUnreadAllowed { get; set; }
    public int WaitForAssignedAgentSeconds { get; set; } = 10;
    public int WaitForAssignedQueueSeconds { get; set; } = 10;
    public string? SignatureTemplate { get; set; }
    public NotificationSettings Notification { get; set; } = new();
    public TransferSettings Transfer { get; set; } = new();
    public DispositionSettings Disposition { get; set; } = new();
    public bool SaveCopyToSentFolder { get; set; }
    public Core.Mail.Held.HoldSettings Hold { get; set; } = new();
    public Core.Retention.RetentionSettings Retention { get; set; } = new();
    public List<int> MemberIds { get; set; } = [];

    // Mutable mirrors of the records, so the inputs can bind to them.
    public string ImapHost { get; set; } = "";
    public int ImapPort { get; set; } = 993;
    public bool ImapSsl { get; set; } = true;
    public string? ImapUsername { get; set; }
    public string ImapMailbox { get; set; } = "INBOX";
    public int ImapConnectionTimeout { get; set; } = 10;
    public int ImapAuthenticationTimeout { get; set; } = 5;
    public string SmtpHost { get; set; } = "";
    public int SmtpPort { get; set; } = 465;
    public bool SmtpSecure { get; set; } = true;
    public bool SmtpAuthentication { get; set; } = true;
    public string? SmtpUsername { get; set; }

    /// <summary>Shows a preset service's servers in the form, so the admin sees what will be used before saving.</summary>
    public void ShowPreset()
    {
        if (MailServicePresets.Find(Service) is not { } preset)
        {
            return;
        }

        (ImapHost, ImapPort, ImapSsl) = (preset.ImapHost, preset.ImapPort, true);
        (SmtpHost, SmtpPort, SmtpSecure, SmtpAuthentication) = (preset.SmtpHost, preset.SmtpPort, true, true);
    }

    public static AccountForm From(AccountView v) => new()
    {
        Name = v.Name,
        Key = v.Key,
        Address = v.Address,
        DefaultContactListId = v.DefaultContactListId,
        Active = v.Active,
        Service = v.Service,
        Description = v.Description,
        AuthMethod = v.AuthMethod,
        OAuthAppId = v.OAuth?.AppId,
        MarkAsUnreadAllowed = v.MarkAsUnreadAllowed,
        WaitForAssignedAgentSeconds = v.WaitForAssignedAgentSeconds,
        WaitForAssignedQueueSeconds = v.WaitForAssignedQueueSeconds,
        SignatureTemplate = v.SignatureTemplate,
        Notification = v.Notification,
        Transfer = v.Transfer,
        Disposition = v.Disposition,
        SaveCopyToSentFolder = v.SaveCopyToSentFolder,
        Hold = v.Hold.Copy(),
        Retention = v.Retention.Copy(),
        ImapHost = v.Imap.Host,
        ImapPort = v.Imap.Port,
        ImapSsl = v.Imap.Ssl,
        ImapUsername = v.Imap.Username,
        ImapMailbox = v.Imap.Mailbox,
        ImapConnectionTimeout = v.Imap.ConnectionTimeoutSeconds,
        ImapAuthenticationTimeout = v.Imap.AuthenticationTimeoutSeconds,
        SmtpHost = v.Smtp.Host,
        SmtpPort = v.Smtp.Port,
        SmtpSecure = v.Smtp.Secure,
        SmtpAuthentication = v.Smtp.Authentication,
        SmtpUsername = v.Smtp.Username,
    };

    public AccountInput ToInput() => new()
    {
        Name = Name,
        Key = Key,
        Address = Address,
        DefaultContactListId = DefaultContactListId,
        Active = Active,
        Service = Service,
        Description = Description,
        AuthMethod = AuthMethod,
        OAuthAppId = AuthMethod == MailAuthMethod.OAuth ? OAuthAppId : null,
        MarkAsUnreadAllowed = MarkAsUnreadAllowed,
        WaitForAssignedAgentSeconds = WaitForAssignedAgentSeconds,
        WaitForAssignedQueueSeconds = WaitForAssignedQueueSeconds,
        SignatureTemplate = SignatureTemplate,
        Notification = Notification,
        Transfer = Transfer,
        Disposition = Disposition,
        SaveCopyToSentFolder = SaveCopyToSentFolder,
        Hold = Hold.Copy(),
        Retention = Retention.Copy(),
        Imap = new ImapInput
        {
            Host = ImapHost,
            Port = ImapPort,
            Ssl = ImapSsl,
            Authentication = true,
            Username = ImapUsername,
            Password = string.IsNullOrEmpty(ImapPassword) ? null : ImapPassword,
            Mailbox = ImapMailbox,
            ConnectionTimeoutSeconds = ImapConnectionTimeout,
            AuthenticationTimeoutSeconds = ImapAuthenticationTimeout,
        },
        Smtp = new SmtpInput
        {
            Host = SmtpHost,
            Port = SmtpPort,
            Secure = SmtpSecure,
            Authentication = SmtpAuthentication,
            Username = SmtpUsername,
            Password = string.IsNullOrEmpty(SmtpPassword) ? null : SmtpPassword,
        },
    };
}
