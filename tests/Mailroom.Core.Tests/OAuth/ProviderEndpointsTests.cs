using Mailroom.Core.OAuth;

namespace Mailroom.Core.Tests.OAuth;

public sealed class ProviderEndpointsTests
{
    private static OAuthApp App(OAuthProfile profile, string? tenant = null) => new() { Name = "n", ClientId = "c", Profile = profile, Tenant = tenant };

    [Fact]
    public void For_Microsoft365_UsesTheTenantsV2EndpointsAndDelegatedMailScopes()
    {
        var endpoints = ProviderEndpoints.For(App(OAuthProfile.Microsoft365, "contoso.onmicrosoft.com"));

        Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize", endpoints.Authorization!.AbsoluteUri);
        Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token", endpoints.Token.AbsoluteUri);
        Assert.Equal(["https://outlook.office.com/IMAP.AccessAsUser.All", "https://outlook.office.com/SMTP.Send", "offline_access"], endpoints.Scopes.Split(' '));
        Assert.Equal(OAuthMechanism.Xoauth2, endpoints.Mechanism);
        Assert.False(endpoints.ClientCredentials);
    }

    [Fact]
    public void For_Microsoft365WithoutTenant_SignsInAnyWorkOrSchoolAccount()
    {
        Assert.StartsWith("https://login.microsoftonline.com/organizations/", ProviderEndpoints.For(App(OAuthProfile.Microsoft365)).Token.AbsoluteUri);
    }

    [Fact]
    public void For_Microsoft365AppOnly_AsksClientCredentialsForTheDefaultScopeOfExchange()
    {
        var endpoints = ProviderEndpoints.For(App(OAuthProfile.Microsoft365AppOnly, "9188040d-6c67-4c5b-b112-36a304b66dad"));

        Assert.True(endpoints.ClientCredentials);
        Assert.Null(endpoints.Authorization);
        Assert.Equal("https://outlook.office365.com/.default", endpoints.Scopes);
        Assert.Equal("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/oauth2/v2.0/token", endpoints.Token.AbsoluteUri);
    }

    [Fact]
    public void For_OutlookCom_UsesTheConsumersTenant()
    {
        Assert.Equal("https://login.microsoftonline.com/consumers/oauth2/v2.0/token", ProviderEndpoints.For(App(OAuthProfile.OutlookCom, "ignored")).Token.AbsoluteUri);
    }

    [Fact]
    public void For_Google_AsksFullMailAccessOfflineWithConsent()
    {
        var endpoints = ProviderEndpoints.For(App(OAuthProfile.Google));

        Assert.Equal("https://accounts.google.com/o/oauth2/v2/auth", endpoints.Authorization!.AbsoluteUri);
        Assert.Equal("https://oauth2.googleapis.com/token", endpoints.Token.AbsoluteUri);
        Assert.Equal("https://mail.google.com/", endpoints.Scopes);
        Assert.Equal("offline", endpoints.ExtraAuthorizationParameters["access_type"]);
        Assert.Equal("consent", endpoints.ExtraAuthorizationParameters["prompt"]);
    }

    [Fact]
    public void For_Generic_UsesWhatTheAdministratorEntered()
    {
        var app = App(OAuthProfile.Generic);
        app.AuthorizationEndpoint = "http://127.0.0.1:5601/connect/authorize";
        app.TokenEndpoint = "http://127.0.0.1:5601/connect/token";
        app.Scopes = "openid email offline_access mail";
        app.Mechanism = OAuthMechanism.Oauthbearer;

        var endpoints = ProviderEndpoints.For(app);

        Assert.Equal(app.AuthorizationEndpoint, endpoints.Authorization!.AbsoluteUri);
        Assert.Equal(app.TokenEndpoint, endpoints.Token.AbsoluteUri);
        Assert.Equal(app.Scopes, endpoints.Scopes);
        Assert.Equal(OAuthMechanism.Oauthbearer, endpoints.Mechanism);
    }
}
