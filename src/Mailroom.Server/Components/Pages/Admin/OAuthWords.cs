using Mailroom.Core.Accounts;
using Mailroom.Core.OAuth;

namespace Mailroom.Server.Components.Pages.Admin;

/// <summary>How an administrator reads sign-in settings: providers, methods and grant states in words, not enum names.</summary>
public static class OAuthWords
{
    public static string Profile(OAuthProfile profile) => profile switch
    {
        OAuthProfile.Microsoft365 => "Microsoft 365 (work or school account)",
        OAuthProfile.Microsoft365AppOnly => "Microsoft 365 shared mailboxes (app-only, nobody signs in)",
        OAuthProfile.OutlookCom => "Outlook.com (personal Microsoft account)",
        OAuthProfile.Google => "Google Workspace or Gmail",
        OAuthProfile.Generic => "Other OpenID Connect / OAuth 2.0 provider",
        _ => profile.ToString(),
    };

    public static string Method(MailAuthMethod method) => method switch
    {
        MailAuthMethod.Password => "Password",
        MailAuthMethod.AppPassword => "App password",
        MailAuthMethod.OAuth => "Sign in with the provider (OAuth)",
        _ => method.ToString(),
    };

    public static string Mechanism(OAuthMechanism mechanism) => mechanism switch
    {
        OAuthMechanism.Xoauth2 => "XOAUTH2 (Google, Microsoft)",
        OAuthMechanism.Oauthbearer => "OAUTHBEARER (RFC 7628)",
        _ => mechanism.ToString(),
    };

    /// <summary>The sign-in button: the provider's name as people know it, or the registration's for a generic one.</summary>
    public static string SignInButton(OAuthAppView app) => "Sign in with " + app.Profile switch
    {
        OAuthProfile.Microsoft365 or OAuthProfile.OutlookCom => "Microsoft",
        OAuthProfile.Google => "Google",
        _ => app.Name,
    };

    public static string Grant(OAuthView grant) => grant.State switch
    {
        GrantState.Active => "Signed in",
        GrantState.SignInNeeded => "Sign-in needed" + (string.IsNullOrWhiteSpace(grant.Problem) ? "" : ": " + grant.Problem),
        _ => "Not signed in yet",
    };
}
