using System.Net;
using Mailroom.Core.OAuth;

namespace Mailroom.Core.Tests.OAuth;

/// <summary>The token requests each profile makes, answered with responses recorded from Microsoft and Google.</summary>
public sealed class TokenEndpointTests
{
    // Recorded from login.microsoftonline.com (tokens shortened, ids replaced).
    internal const string MicrosoftRefreshed = """
        {"token_type":"Bearer","scope":"https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send",
         "expires_in":4253,"ext_expires_in":4253,"access_token":"eyJ0eXAiOiJKV1QiLCJub25jZSI6Im1zLWFjY2Vzcy10b2tlbiJ9.e30.c2ln",
         "refresh_token":"0.AXEAm-rotated-refresh-token"}
        """;

    internal const string MicrosoftExpiredGrant = """
        {"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource. Trace ID: 0f4c0a8e-1d63-4c7a-8d8e-0a7b2b3c4d00 Correlation ID: 5a1c2b3d-0000-4e5f-9a8b-7c6d5e4f3a2b Timestamp: 2026-11-30 08:14:22Z",
         "error_codes":[70008],"timestamp":"2026-11-30 08:14:22Z","trace_id":"0f4c0a8e-1d63-4c7a-8d8e-0a7b2b3c4d00",
         "correlation_id":"5a1c2b3d-0000-4e5f-9a8b-7c6d5e4f3a2b","error_uri":"https://login.microsoftonline.com/error?code=70008"}
        """;

    private const string MicrosoftBadSecret = """
        {"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app '3f1b…' are expired. Visit the Azure portal to create new keys for your app.",
         "error_codes":[7000222],"error_uri":"https://login.microsoftonline.com/error?code=7000222"}
        """;

    // Recorded from oauth2.googleapis.com: a refresh returns no new refresh token.
    private const string GoogleRefreshed = """
        {"access_token":"ya29.a0AfB_byC-google-access-token","expires_in":3599,"scope":"https://mail.google.com/","token_type":"Bearer"}
        """;

    private const string GoogleRevoked = """
        {"error":"invalid_grant","error_description":"Token has been expired or revoked."}
        """;

    private static OAuthApp App(OAuthProfile profile, string? tenant = "contoso.onmicrosoft.com") =>
        new() { Name = "n", ClientId = "client-1", Profile = profile, Tenant = tenant };

    [Fact]
    public async Task RefreshAsync_Microsoft365_PostsTheRefreshGrantWithClientSecretToTheTenantsTokenEndpoint()
    {
        var provider = new RecordedProvider().Answer(HttpStatusCode.OK, MicrosoftRefreshed);

        var token = await new TokenEndpoint(new HttpClient(provider)).RefreshAsync(App(OAuthProfile.Microsoft365), "s3cret", "old-refresh", default);

        var (url, form) = Assert.Single(provider.Requests);
        Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token", url.AbsoluteUri);
        Assert.Equal(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = "old-refresh",
            ["client_id"] = "client-1",
            ["client_secret"] = "s3cret",
        }, form);
        Assert.Equal(4253, token.ExpiresIn);
        Assert.Equal("0.AXEAm-rotated-refresh-token", token.RefreshToken);
    }

    [Fact]
    public async Task RefreshAsync_Google_KeepsNoRefreshTokenWhenNoneIsReturned()
    {
        var provider = new RecordedProvider().Answer(HttpStatusCode.OK, GoogleRefreshed);

        var token = await new TokenEndpoint(new HttpClient(provider)).RefreshAsync(App(OAuthProfile.Google, null), "g-secret", "1//0g-refresh", default);

        Assert.Equal("https://oauth2.googleapis.com/token", provider.Requests[0].Url.AbsoluteUri);
        Assert.Equal("ya29.a0AfB_byC-google-access-token", token.AccessToken);
        Assert.Null(token.RefreshToken);
    }

    [Fact]
    public async Task ClientCredentialsAsync_Microsoft365AppOnly_AsksForExchangesDefaultScope()
    {
        var provider = new RecordedProvider().Answer(HttpStatusCode.OK, """{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJapp"}""");

        await new TokenEndpoint(new HttpClient(provider)).ClientCredentialsAsync(App(OAuthProfile.Microsoft365AppOnly), "s3cret", default);

        var form = provider.Requests[0].Form;
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("https://outlook.office365.com/.default", form["scope"]);
        Assert.False(form.ContainsKey("refresh_token"));
    }

    [Fact]
    public async Task RedeemCodeAsync_SendsTheExactRedirectUriAndThePkceVerifier()
    {
        var provider = new RecordedProvider().Answer(HttpStatusCode.OK, MicrosoftRefreshed);
        var redirect = new Uri("https://mailroom.example.test/oauth/callback");

        await new TokenEndpoint(new HttpClient(provider)).RedeemCodeAsync(App(OAuthProfile.Microsoft365), "s3cret", "the-code", redirect, "verifier-43-chars-or-more", default);

        var form = provider.Requests[0].Form;
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal("the-code", form["code"]);
        Assert.Equal("https://mailroom.example.test/oauth/callback", form["redirect_uri"]);
        Assert.Equal("verifier-43-chars-or-more", form["code_verifier"]);
    }

    [Theory]
    [InlineData(MicrosoftExpiredGrant, "AADSTS70008")]
    [InlineData(GoogleRevoked, "Token has been expired or revoked.")]
    public async Task RefreshAsync_InvalidGrant_NeedsSignInAndCarriesTheProvidersWords(string recorded, string words)
    {
        var provider = new RecordedProvider().Answer(HttpStatusCode.BadRequest, recorded);

        var failure = await Assert.ThrowsAsync<OAuthException>(() =>
            new TokenEndpoint(new HttpClient(provider)).RefreshAsync(App(OAuthProfile.Microsoft365), "s", "r", default));

        Assert.True(failure.SignInNeeded);
        Assert.Equal("invalid_grant", failure.Error);
        Assert.Contains(words, failure.Message, StringComparison.Ordinal);
        Assert.Contains("sign in again", failure.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshAsync_ExpiredClientSecret_IsNotASignInButNamesTheRegistration()
    {
        var provider = new RecordedProvider().Answer(HttpStatusCode.Unauthorized, MicrosoftBadSecret);

        var failure = await Assert.ThrowsAsync<OAuthException>(() =>
            new TokenEndpoint(new HttpClient(provider)).RefreshAsync(App(OAuthProfile.Microsoft365), "s", "r", default));

        Assert.False(failure.SignInNeeded);
        Assert.Contains("AADSTS7000222", failure.Message, StringComparison.Ordinal);
        Assert.Contains("client id or secret", failure.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshAsync_ProviderOutageWithAnHtmlPage_IsTransient()
    {
        var provider = new RecordedProvider().Answer(HttpStatusCode.ServiceUnavailable, "<html><body>Service Unavailable</body></html>");

        var failure = await Assert.ThrowsAsync<OAuthException>(() =>
            new TokenEndpoint(new HttpClient(provider)).RefreshAsync(App(OAuthProfile.Google, null), "s", "r", default));

        Assert.False(failure.SignInNeeded);
        Assert.Equal("HTTP 503", failure.Error);
    }
}
