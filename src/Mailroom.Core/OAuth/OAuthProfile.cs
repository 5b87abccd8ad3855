namespace Mailroom.Core.OAuth;

public enum OAuthProfile
{
    /// <summary>Microsoft 365 work or school account, signed in by a person (delegated permissions).</summary>
    Microsoft365 = 0,

    /// <summary>Microsoft 365 app-only (client credentials): shared mailboxes nobody signs in to.</summary>
    Microsoft365AppOnly = 1,
    OutlookCom = 2,
    Google = 3,

    /// <summary>Any OpenID Connect / OAuth 2.0 provider whose endpoints and scopes the administrator enters.</summary>
    Generic = 4,
}
