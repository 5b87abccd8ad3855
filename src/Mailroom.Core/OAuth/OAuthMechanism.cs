namespace Mailroom.Core.OAuth;

/// <summary>How an access token is presented to IMAP and SMTP: Google and Microsoft speak XOAUTH2, RFC 7628 names OAUTHBEARER.</summary>
public enum OAuthMechanism
{
    XOAuth2 = 0,
    OAuthBearer = 1,
}
