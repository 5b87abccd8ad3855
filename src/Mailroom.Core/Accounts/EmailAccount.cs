using Mailroom.Core.OAuth;

namespace Mailroom.Core.Accounts;

/// <summary>A company mailbox (support@, sales@ …) connected over IMAP and SMTP.</summary>
public sealed class EmailAccount
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Short name (1–5 characters) shown on the agents' tabs.</summary>
    public required string Key { get; set; }

    public required string Address { get; set; }
    public int? DefaultContactListId { get; set; }
    public bool Active { get; set; } = true;
    public MailService Service { get; set; } = MailService.Custom;
    public string? Description { get; set; }

    public ImapSettings Imap { get; set; } = new();
    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>How IMAP and SMTP sign in; the servers' Authentication switches still decide whether they do.</summary>
    public MailAuthMethod AuthMethod { get; set; }

    /// <summary>The app registration an OAuth account signs in through.</summary>
    public int? OAuthAppId { get; set; }

    public OAuthGrant OAuth { get; set; } = new();

    public bool MarkAsUnreadAllowed { get; set; }

    /// <summary>Seconds a new message waits for the agent who owns the interaction (1–2147483, default 10).</summary>
    public int WaitForAssignedAgentSeconds { get; set; } = 10;

    /// <summary>Seconds it then waits for that agent's queue before the action plan goes on.</summary>
    public int WaitForAssignedQueueSeconds { get; set; } = 10;

    public string? SignatureTemplate { get; set; }
    public NotificationSettings Notification { get; set; } = new();
    public TransferSettings Transfer { get; set; } = new();
    public DispositionSettings Disposition { get; set; } = new();

    /// <summary>Append a copy of each sent message to the account's Sent folder over IMAP.</summary>
    public bool SaveCopyToSentFolder { get; set; }

    /// <summary>What the Held stage holds for this account, and for how long.</summary>
    public Mail.Held.HoldSettings Hold { get; set; } = new();

    public Retention.RetentionSettings Retention { get; set; } = new();

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<AccountMember> Members { get; set; } = [];
}

public enum MailService
{
    Custom = 0,
    Gmail = 1,
    Yahoo = 2,
    Hotmail = 3,
    Outlook365 = 4,
}

public enum MailAuthMethod
{
    Password = 0,

    /// <summary>A password the provider generated for this one app (Google, Microsoft with MFA); used like a password.</summary>
    AppPassword = 1,
    OAuth = 2,
}

public sealed class ImapSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 993;
    public bool Ssl { get; set; } = true;
    public bool Authentication { get; set; } = true;
    public string? Username { get; set; }

    /// <summary>Encrypted with Data Protection; never leaves the server.</summary>
    public string? PasswordCipher { get; set; }

    public string Mailbox { get; set; } = "INBOX";
    public int ConnectionTimeoutSeconds { get; set; } = 10;
    public int AuthenticationTimeoutSeconds { get; set; } = 5;
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 465;
    public bool Secure { get; set; } = true;
    public bool Authentication { get; set; } = true;
    public string? Username { get; set; }

    /// <summary>Encrypted with Data Protection; never leaves the server.</summary>
    public string? PasswordCipher { get; set; }
}

public sealed class NotificationSettings
{
    public bool Sound { get; set; } = true;
    public bool Shake { get; set; } = true;
    public string? Template { get; set; }
}

public sealed class TransferSettings
{
    public bool ToQueueAllowed { get; set; }
    public int ToQueueTimeoutSeconds { get; set; } = 30;
    public bool ToAgentAllowed { get; set; }
    public int ToAgentTimeoutSeconds { get; set; } = 30;

    /// <summary>Moving an interaction to another email account; off unless the admin turns it on.</summary>
    public bool AccountTransferEnabled { get; set; }

    public bool AutoMailOnAccountTransfer { get; set; }

    /// <summary>Liquid template of the automatic email; <c>{{fromAccount}}</c> and <c>{{toAccount}}</c> among its variables.</summary>
    public string? AccountTransferTemplate { get; set; }
}

public sealed class DispositionSettings
{
    public bool Mandatory { get; set; }
    public bool PauseWhileDisposing { get; set; }
}
