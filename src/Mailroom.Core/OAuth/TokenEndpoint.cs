using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Mailroom.Core.OAuth;

/// <summary>The token requests of RFC 6749 Mailroom makes: refresh, client credentials and the authorization code.</summary>
public sealed class TokenEndpoint(HttpClient http)
{
    public Task<TokenResponse> RefreshAsync(OAuthApp app, string clientSecret, string refreshToken, CancellationToken ct) =>
        RequestAsync(app, clientSecret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, ct);

    public Task<TokenResponse> ClientCredentialsAsync(OAuthApp app, string clientSecret, CancellationToken ct) =>
        RequestAsync(app, clientSecret, new() { ["grant_type"] = "client_credentials", ["scope"] = ProviderEndpoints.For(app).Scopes }, ct);

    public Task<TokenResponse> RedeemCodeAsync(OAuthApp app, string clientSecret, string code, Uri redirectUri, string codeVerifier, CancellationToken ct) =>
        RequestAsync(app, clientSecret, new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["code_verifier"] = codeVerifier,
        }, ct);

    private async Task<TokenResponse> RequestAsync(OAuthApp app, string clientSecret, Dictionary<string, string> form, CancellationToken ct)
    {
        // Client secret in the body (client_secret_post): Microsoft and Google both accept it, generic servers too.
        form["client_id"] = app.ClientId;
        if (clientSecret.Length > 0)
        {
            form["client_secret"] = clientSecret;
        }

        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(ProviderEndpoints.For(app).Token, new FormUrlEncodedContent(form), ct);
        }
        catch (HttpRequestException ex)
        {
            throw new OAuthException("unreachable", ex.Message, signInNeeded: false);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<TokenResponse>(ct) is { AccessToken.Length: > 0 } token
                    ? token
                    : throw new OAuthException("invalid_response", "the token endpoint answered without an access_token", signInNeeded: false);
            }

            var error = await ReadErrorAsync(response, ct);
            // Only the provider saying the grant itself is dead needs a person; 5xx, 429 and the rest may pass.
            throw new OAuthException(error?.Error ?? $"HTTP {(int)response.StatusCode}", error?.Description,
                signInNeeded: error?.Error == "invalid_grant" && response.StatusCode == HttpStatusCode.BadRequest);
        }
    }

    private static async Task<ErrorResponse?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ErrorResponse>(ct);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record ErrorResponse(
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? Description);
}

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken)
{
    public override string ToString() => $"TokenResponse {{ ExpiresIn = {ExpiresIn}, RefreshToken = {(RefreshToken is null ? "none" : "issued")} }}";
}
