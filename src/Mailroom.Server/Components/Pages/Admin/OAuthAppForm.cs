using Mailroom.Core.OAuth;

namespace Mailroom.Server.Components.Pages.Admin;

/// <summary>The editable state of an app registration; the secret starts empty and stays unchanged unless typed.</summary>
public sealed class OAuthAppForm
{
    public string Name { get; set; } = "";
    public OAuthProfile Profile { get; set; } = OAuthProfile.Microsoft365;
    public string? Tenant { get; set; }
    public string ClientId { get; set; } = "";
    public string? ClientSecret { get; set; }
    public string? AuthorizationEndpoint { get; set; }
    public string? TokenEndpoint { get; set; }
    public string? Scopes { get; set; }
    public OAuthMechanism Mechanism { get; set; }

    // A preset profile's endpoints come from the profile, so only a generic registration's are copied back.
    public static OAuthAppForm From(OAuthAppView v) => new()
    {
        Name = v.Name,
        Profile = v.Profile,
        Tenant = v.Tenant,
        ClientId = v.ClientId,
        AuthorizationEndpoint = v.Profile == OAuthProfile.Generic ? v.AuthorizationEndpoint : null,
        TokenEndpoint = v.Profile == OAuthProfile.Generic ? v.TokenEndpoint : null,
        Scopes = v.Profile == OAuthProfile.Generic ? v.Scopes : null,
        Mechanism = v.Mechanism,
    };

    public OAuthAppInput ToInput() => new()
    {
        Name = Name,
        Profile = Profile,
        Tenant = Tenant,
        ClientId = ClientId,
        ClientSecret = string.IsNullOrEmpty(ClientSecret) ? null : ClientSecret,
        AuthorizationEndpoint = AuthorizationEndpoint,
        TokenEndpoint = TokenEndpoint,
        Scopes = Scopes,
        Mechanism = Mechanism,
    };
}
