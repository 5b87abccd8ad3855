namespace Mailroom.Core.OAuth;

/// <summary>
/// Where and how one app registration talks to its provider. Client credentials means no person signs in: the app
/// itself is granted the mailbox (Microsoft's IMAP.AccessAsApp for shared mailboxes).
/// </summary>
public sealed record ProviderEndpoints(
    Uri? Authorization,
    Uri Token,
    string Scopes,
    OAuthMechanism Mechanism,
    bool ClientCredentials,
    IReadOnlyDictionary<string, string> ExtraAuthorizationParameters)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    // Microsoft's v2 endpoint takes the resource in each scope; offline_access is what yields a refresh token.
    private const string MicrosoftDelegated =
        "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access";

    public static ProviderEndpoints For(OAuthApp app) => app.Profile switch
    {
        OAuthProfile.Microsoft365 => Microsoft(Tenant(app, "organizations"), MicrosoftDelegated, clientCredentials: false),
        OAuthProfile.OutlookCom => Microsoft("consumers", MicrosoftDelegated, clientCredentials: false),
        // App-only tokens carry the application permissions granted by the tenant's admin; ".default" asks for them all.
        OAuthProfile.Microsoft365AppOnly => Microsoft(Tenant(app, null), "https://outlook.office365.com/.default", clientCredentials: true),
        OAuthProfile.Google => new(
            new Uri("https://accounts.google.com/o/oauth2/v2/auth"), new Uri("https://oauth2.googleapis.com/token"),
            "https://mail.google.com/", OAuthMechanism.Xoauth2, false,
            // Without offline access and a fresh consent Google returns no refresh token to a second sign-in.
            new Dictionary<string, string> { ["access_type"] = "offline", ["prompt"] = "consent" }),
        OAuthProfile.Generic => new(
            app.AuthorizationEndpoint is null ? null : new Uri(app.AuthorizationEndpoint), new Uri(app.TokenEndpoint!),
            app.Scopes ?? "", app.Mechanism, false, None),
        _ => throw new InvalidOperationException($"Unknown OAuth profile {app.Profile}."),
    };

    private static string Tenant(OAuthApp app, string? fallback) =>
        string.IsNullOrWhiteSpace(app.Tenant) ? fallback ?? throw new InvalidOperationException("An app-only registration needs its tenant.") : app.Tenant.Trim();

    private static ProviderEndpoints Microsoft(string tenant, string scopes, bool clientCredentials)
    {
        var root = $"https://login.microsoftonline.com/{Uri.EscapeDataString(tenant)}/oauth2/v2.0/";
        return new(clientCredentials ? null : new Uri(root + "authorize"), new Uri(root + "token"), scopes,
            OAuthMechanism.Xoauth2, clientCredentials, None);
    }
}
