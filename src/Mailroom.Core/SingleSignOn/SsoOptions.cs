namespace Mailroom.Core.SingleSignOn;

/// <summary>
/// Staff sign-in through the company's OpenID Connect provider (the <c>Mailroom:Sso</c> section): Microsoft Entra ID,
/// Google Workspace, Okta, Keycloak, Authentik… Set by IT at installation, like the database; which of the
/// provider's groups give which role and accounts is set by an administrator in the product.
/// </summary>
public sealed class SsoOptions
{
    /// <summary>The provider's issuer (<c>https://login.microsoftonline.com/{tenant}/v2.0</c>); unset, there is no single sign-on.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in page's button says after "Sign in with".</summary>
    public string DisplayName { get; set; } = "your company account";

    /// <summary>The ID token claim that lists the person's groups (<c>groups</c> for Entra ID, Okta and Keycloak).</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Scopes asked beside <c>openid profile email</c>, space-separated: some providers release groups only for a scope of their own.</summary>
    public string? ExtraScopes { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
