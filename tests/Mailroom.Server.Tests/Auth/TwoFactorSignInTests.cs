using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mailroom.Server.Tests.Auth;

/// <summary>
/// Two-factor sign-in over HTTP, as the person who set it up: the password leads to the code step, a wrong code asks
/// again, an API token needs the code too; where an administrator requires it, a person without it can only set it up.
/// </summary>
public sealed class TwoFactorSignInTests(TwoFactorSignInTests.App app) : IClassFixture<TwoFactorSignInTests.App>
{
    private const string Password = "agent-password-1";
    private readonly MailroomApp _server = app.Server;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new(settings: new Dictionary<string, string?> { ["Mailroom:Inbound:Enabled"] = "false" });

        public void Dispose() => Server.Dispose();
    }

    [Fact]
    public async Task CookieSignIn_AsksForTheCode_AWrongOneAsksAgain_TheRightOneSignsIn()
    {
        var (email, secret, _) = await PersonWithTwoFactorAsync();

        var password = await Raw().PostAsync("/api/auth/login", Form(("email", email), ("password", Password)));
        var codeStep = password.Headers.Location!.ToString();
        Assert.StartsWith("/login/code?ticket=", codeStep, StringComparison.Ordinal);
        Assert.False(password.Headers.Contains("Set-Cookie"), "signed in on the password alone");
        var ticket = Uri.UnescapeDataString(codeStep["/login/code?ticket=".Length..]);

        var wrong = await Raw().PostAsync("/api/auth/login/code", Form(("ticket", ticket), ("code", "000000")));
        Assert.StartsWith("/login/code?failed=1&ticket=", wrong.Headers.Location!.ToString(), StringComparison.Ordinal);
        var forged = await Raw().PostAsync("/api/auth/login/code", Form(("ticket", "not-a-ticket"), ("code", "123456")));
        Assert.Equal("/login?expired=1", forged.Headers.Location!.ToString());

        var right = await Raw().PostAsync("/api/auth/login/code", Form(("ticket", ticket), ("code", AuthenticatorApp.NextCode(secret, Now()))));
        Assert.Equal("/desktop", right.Headers.Location!.ToString());
        Assert.Contains(right.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mailroom=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_ForAPersonWithTwoFactor_NeedsTheCode_ARecoveryCodeDoes()
    {
        var (email, _, recovery) = await PersonWithTwoFactorAsync();

        var without = await Raw().PostAsJsonAsync("/api/auth/token", new { email, password = Password });
        var problem = await without.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((HttpStatusCode.Unauthorized, "A code is needed."), (without.StatusCode, problem.GetProperty("title").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Raw().PostAsJsonAsync("/api/auth/token", new { email, password = Password, code = "111111" })).StatusCode);

        var with = await Raw().PostAsJsonAsync("/api/auth/token", new { email, password = Password, code = recovery[0] });

        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task RequiredForAgents_AnAgentWithoutIt_CanOnlySetItUp()
    {
        var admin = await _server.AdminClientAsync();
        var (_, email) = await UserAsync(admin);
        (await admin.PutAsJsonAsync("/api/settings/two-factor", new { requiredForAgents = true, requiredForSupervisors = false, requiredForAdmins = false }))
            .EnsureSuccessStatusCode();
        try
        {
            var token = await Raw().PostAsJsonAsync("/api/auth/token", new { email, password = Password });
            Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);

            var login = await Raw().PostAsync("/api/auth/login", Form(("email", email), ("password", Password)));
            var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mailroom=", StringComparison.Ordinal)).Split(';')[0];
            var api = await WithCookieAsync(cookie, "/api/interactions");
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
            Assert.Contains("/account/two-factor", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await WithCookieAsync(cookie, "/api/interactions/export.csv")).StatusCode);
            Assert.Equal("/account/two-factor", (await WithCookieAsync(cookie, "/desktop")).Headers.Location?.ToString());
            var status = await (await WithCookieAsync(cookie, "/api/me/two-factor")).Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(status.GetProperty("required").GetBoolean());
        }
        finally
        {
            (await admin.PutAsJsonAsync("/api/settings/two-factor", new { requiredForAgents = false, requiredForSupervisors = false, requiredForAdmins = false }))
                .EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Policy_ByASupervisor_IsForbidden_AndAMissingRoleIsNamed()
    {
        var admin = await _server.AdminClientAsync();
        var (_, supervisor) = await _server.CreateUserAsync(admin, "supervisor");

        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync("/api/settings/two-factor", new { requiredForAgents = false, requiredForSupervisors = false, requiredForAdmins = false })).StatusCode);
        var missing = await admin.PutAsJsonAsync("/api/settings/two-factor", new { requiredForAgents = true });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("requiredForSupervisors", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // A new agent who set up an app through the API: (email, the app's secret, the recovery codes).
    private async Task<(string Email, string Secret, List<string> Recovery)> PersonWithTwoFactorAsync()
    {
        var admin = await _server.AdminClientAsync();
        var (client, email) = await UserAsync(admin);
        var setup = await (await client.PostAsync("/api/me/two-factor", null)).Content.ReadFromJsonAsync<JsonElement>();
        var secret = setup.GetProperty("secret").GetString()!;
        var confirmed = await client.PostAsJsonAsync("/api/me/two-factor/confirm", new { code = AuthenticatorApp.Code(secret, Now()) });
        var codes = (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        return (email, secret, codes);
    }

    private async Task<(HttpClient Client, string Email)> UserAsync(HttpClient admin)
    {
        var email = $"tf-{Guid.NewGuid().ToString("N")[..10]}@example.test";
        var (_, client) = await _server.CreateUserAsync(admin, "agent", email);
        return (client, email);
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await Raw().SendAsync(request);
    }

    private static DateTime Now() => TimeProvider.System.GetUtcNow().UtcDateTime;

    private HttpClient Raw() => _server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => f.Value));
}
