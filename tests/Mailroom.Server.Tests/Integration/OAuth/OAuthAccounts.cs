using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mailroom.Core.OAuth;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Mailroom.TestSupport.OAuth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Integration.OAuth;

/// <summary>App registrations and OAuth accounts on the tests' identity provider, created through the API.</summary>
internal static class OAuthAccounts
{
    public static async Task<int> CreateAppAsync(HttpClient admin, TestIdentityProvider idp, string name, string mechanism)
    {
        var response = await admin.PostAsJsonAsync("/api/oauth-apps", new
        {
            name = name + " " + Guid.NewGuid().ToString("N")[..6],
            profile = "generic",
            clientId = TestIdentityProvider.ClientId,
            clientSecret = TestIdentityProvider.ClientSecret,
            authorizationEndpoint = idp.AuthorizationEndpoint.AbsoluteUri,
            tokenEndpoint = idp.TokenEndpoint.AbsoluteUri,
            scopes = $"{TestIdentityProvider.MailScope} offline_access",
            mechanism,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>An OAuth account nobody signed in to yet; an <paramref name="active"/> one is watched from then on.</summary>
    public static async Task<int> CreateAsync(HttpClient admin, TestIdentityProvider idp, string mailbox, string key, string mechanism, bool active = false)
    {
        var appId = await CreateAppAsync(admin, idp, key, mechanism);
        var body = JsonSerializer.SerializeToNode(LocalMail.AccountBody(mailbox, key + Guid.NewGuid().ToString("N")[..2].ToUpperInvariant(), active))!;
        body["authMethod"] = "oauth";
        body["oAuthAppId"] = appId;
        ((JsonObject)body["imap"]!).Remove("password");
        ((JsonObject)body["smtp"]!).Remove("password");
        var response = await admin.PostAsJsonAsync("/api/accounts", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    // What the browser sign-in stores; the refresh token here comes from the identity provider's password grant.
    public static async Task SignInAsync(MailroomApp server, int accountId, string refreshToken)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var secrets = scope.ServiceProvider.GetRequiredService<Mailroom.Core.Security.SecretProtector>();
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId);
        account.OAuth.RefreshTokenCipher = secrets.Protect(refreshToken);
        account.OAuth.State = GrantState.Active;
        await db.SaveChangesAsync();
    }

    /// <summary>The administrator as a browser that does not follow redirects, so each hop can be checked.</summary>
    public static async Task<HttpClient> AdminBrowserAsync(MailroomApp server)
    {
        var browser = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Authorization = (await server.AdminClientAsync()).DefaultRequestHeaders.Authorization;
        return browser;
    }
}
