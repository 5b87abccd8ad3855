namespace Mailroom.Core.OAuth;

/// <summary>How an access token is presented to IMAP and SMTP: Google and Microsoft speak XOAUTH2, RFC 7628 names OAUTHBEARER.</summary>
public enum OAuthMechanism
{
    Xoauth2 = 0,
    Oauthbearer = 1,
}
