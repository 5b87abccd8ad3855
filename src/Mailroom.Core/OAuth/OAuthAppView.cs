namespace Mailroom.Core.OAuth;

/// <summary>An app registration as the API shows it: the secret never, only whether one is set.</summary>
public sealed record OAuthAppView(
    int Id,
    string Name,
    OAuthProfile Profile,
    string? Tenant,
    string ClientId,
    bool HasClientSecret,
    string? AuthorizationEndpoint,
    string TokenEndpoint,
    string Scopes,
    OAuthMechanism Mechanism,
    bool ClientCredentials)
{
    public static OAuthAppView From(OAuthApp a)
    {
        var endpoints = ProviderEndpoints.For(a);
        return new(a.Id, a.Name, a.Profile, a.Tenant, a.ClientId, a.ClientSecretCipher is not null,
            endpoints.Authorization?.AbsoluteUri, endpoints.Token.AbsoluteUri, endpoints.Scopes, endpoints.Mechanism, endpoints.ClientCredentials);
    }
}
