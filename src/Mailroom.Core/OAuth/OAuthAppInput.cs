using Mailroom.Core.Common;

namespace Mailroom.Core.OAuth;

/// <summary>What an administrator enters for an app registration. A null secret keeps the stored one.</summary>
public sealed record OAuthAppInput
{
    public string? Name { get; init; }
    public OAuthProfile Profile { get; init; }
    public string? Tenant { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public string? AuthorizationEndpoint { get; init; }
    public string? TokenEndpoint { get; init; }
    public string? Scopes { get; init; }
    public OAuthMechanism Mechanism { get; init; }

    internal void Validate()
    {
        var v = new Validator()
            .Required("name", Name).Length("name", Name, 1, 100)
            .Required("clientId", ClientId)
            .When(!Enum.IsDefined(Profile), "profile", $"'{Profile}' is not a provider profile.")
            .When(Profile == OAuthProfile.Microsoft365AppOnly && string.IsNullOrWhiteSpace(Tenant), "tenant",
                "is required for app-only access: the directory (tenant id or domain) that granted IMAP.AccessAsApp.");
        if (Profile == OAuthProfile.Generic)
        {
            v.Required("tokenEndpoint", TokenEndpoint).Required("scopes", Scopes);
            Endpoint(v, "tokenEndpoint", TokenEndpoint);
            Endpoint(v, "authorizationEndpoint", AuthorizationEndpoint);
        }

        v.ThrowIfInvalid();
    }

    // Tokens and secrets travel to these addresses: HTTPS, or plain HTTP only to this very machine.
    private static void Endpoint(Validator v, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        v.When(!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)),
            field, "must be an https:// address (http:// only on the loopback).");
    }
}
