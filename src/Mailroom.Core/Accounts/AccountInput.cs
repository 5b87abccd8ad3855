namespace Mailroom.Core.Accounts;

/// <summary>What an administrator submits to create or edit an account. A null password keeps the stored one.</summary>
public sealed record AccountInput
{
    public string? Name { get; init; }
    public string? Key { get; init; }
    public string? Address { get; init; }
    public int? DefaultContactListId { get; init; }
    public bool Active { get; init; } = true;
    public MailService Service { get; init; } = MailService.Custom;
    public string? Description { get; init; }
    public ImapInput Imap { get; init; } = new();
    public SmtpInput Smtp { get; init; } = new();
    public MailAuthMethod AuthMethod { get; init; }

    /// <summary>For <see cref="MailAuthMethod.OAuth"/>: the app registration the account signs in through.</summary>
    public int? OAuthAppId { get; init; }

    public bool MarkAsUnreadAllowed { get; init; }
    public int WaitForAssignedAgentSeconds { get; init; } = 10;
    public int WaitForAssignedQueueSeconds { get; init; } = 10;
    public string? SignatureTemplate { get; init; }
    public NotificationSettings Notification { get; init; } = new();
    public TransferSettings Transfer { get; init; } = new();
    public DispositionSettings Disposition { get; init; } = new();
    public bool SaveCopyToSentFolder { get; init; }
    public Mail.Held.HoldSettings Hold { get; init; } = new();

    /// <summary>Left out (null), the stored retention and legal hold stay: a script that predates them lifts no hold.</summary>
    public Retention.RetentionSettings? Retention { get; init; }

    /// <summary>JSON may send <c>null</c> for a whole section; that means "the defaults", not an error.</summary>
    public AccountInput WithDefaults() => this with
    {
        Imap = Imap ?? new(),
        Smtp = Smtp ?? new(),
        Notification = Notification ?? new(),
        Transfer = Transfer ?? new(),
        Disposition = Disposition ?? new(),
        Hold = Hold ?? new(),
    };
}

public sealed record ImapInput
{
    public string? Host { get; init; }
    public int Port { get; init; } = 993;
    public bool Ssl { get; init; } = true;
    public bool Authentication { get; init; } = true;
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string Mailbox { get; init; } = "INBOX";
    public int ConnectionTimeoutSeconds { get; init; } = 10;
    public int AuthenticationTimeoutSeconds { get; init; } = 5;
}

public sealed record SmtpInput
{
    public string? Host { get; init; }
    public int Port { get; init; } = 465;
    public bool Secure { get; init; } = true;
    public bool Authentication { get; init; } = true;
    public string? Username { get; init; }
    public string? Password { get; init; }
}
