using Mailroom.Core.OAuth;

namespace Mailroom.Core.Accounts;

/// <summary>An account as every endpoint shows it: passwords never included, only whether one is set.</summary>
public sealed record AccountView(
    int Id,
    string Name,
    string Key,
    string Address,
    int? DefaultContactListId,
    bool Active,
    MailService Service,
    string? Description,
    ImapView Imap,
    SmtpView Smtp,
    MailAuthMethod AuthMethod,
    OAuthView? OAuth,
    bool MarkAsUnreadAllowed,
    int WaitForAssignedAgentSeconds,
    int WaitForAssignedQueueSeconds,
    string? SignatureTemplate,
    NotificationSettings Notification,
    TransferSettings Transfer,
    DispositionSettings Disposition,
    bool SaveCopyToSentFolder,
    Mail.Held.HoldSettings Hold,
    Retention.RetentionSettings Retention,
    IReadOnlyList<int> MemberIds)
{
    public static AccountView From(EmailAccount a) => new(
        a.Id, a.Name, a.Key, a.Address, a.DefaultContactListId, a.Active, a.Service, a.Description,
        new ImapView(a.Imap.Host, a.Imap.Port, a.Imap.Ssl, a.Imap.Authentication, a.Imap.Username,
            a.Imap.PasswordCipher is not null, a.Imap.Mailbox, a.Imap.ConnectionTimeoutSeconds, a.Imap.AuthenticationTimeoutSeconds),
        new SmtpView(a.Smtp.Host, a.Smtp.Port, a.Smtp.Secure, a.Smtp.Authentication, a.Smtp.Username, a.Smtp.PasswordCipher is not null),
        a.AuthMethod,
        a.AuthMethod == MailAuthMethod.OAuth ? new OAuthView(a.OAuthAppId, a.OAuth.State, a.OAuth.Problem, a.OAuth.AccessTokenExpiresAt) : null,
        a.MarkAsUnreadAllowed, a.WaitForAssignedAgentSeconds, a.WaitForAssignedQueueSeconds, a.SignatureTemplate,
        a.Notification, a.Transfer, a.Disposition, a.SaveCopyToSentFolder, a.Hold.Copy(), a.Retention.Copy(),
        a.Members.Select(m => m.UserId).Order().ToList());
}

public sealed record ImapView(string Host, int Port, bool Ssl, bool Authentication, string? Username, bool HasPassword,
    string Mailbox, int ConnectionTimeoutSeconds, int AuthenticationTimeoutSeconds);

public sealed record SmtpView(string Host, int Port, bool Secure, bool Authentication, string? Username, bool HasPassword);

/// <summary>An OAuth account's sign-in: its state and the provider's words, never a token.</summary>
public sealed record OAuthView(int? AppId, GrantState State, string? Problem, DateTime? AccessTokenExpiresAt);
