using System.Net;
using System.Net.Http.Json;
using Mailroom.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mailroom.Server.Tests.Auth;

/// <summary>Issue 16: brute force, open redirects and the password policy at sign-in.</summary>
public sealed class SignInProtectionTests : IClassFixture<SignInProtectionTests.App>
{
    private readonly MailroomApp _server;

    public SignInProtectionTests(App app) => _server = app.Server;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new();

        public void Dispose() => Server.Dispose();
    }

    [Fact]
    public async Task WrongPasswords_LockTheAddress_EvenForTheRightPassword_AndUnknownAddressesAlike()
    {
        var admin = await _server.AdminClientAsync();
        var (_, _) = await _server.CreateUserAsync(admin, email: "locked@example.test");
        var client = _server.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/token", new { email = "locked@example.test", password = "wrong-password-" + i });
            await client.PostAsJsonAsync("/api/auth/token", new { email = "nobody@example.test", password = "wrong-password-" + i });
        }

        var right = await client.PostAsJsonAsync("/api/auth/token", new { email = "locked@example.test", password = "agent-password-1" });
        var unknown = await client.PostAsJsonAsync("/api/auth/token", new { email = "nobody@example.test", password = "agent-password-1" });
        var form = await Raw().PostAsync("/api/auth/login", Form("locked@example.test", "agent-password-1", null));

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, unknown.StatusCode);
        Assert.Equal("/login?locked=1", form.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("/\\evil.test", "/")]
    [InlineData("//evil.test/x", "/")]
    [InlineData("https://evil.test/", "/")]
    [InlineData("/desktop\r\nSet-Cookie: x=1", "/")]
    [InlineData("/desktop?id=5", "/desktop?id=5")]
    public async Task SignIn_RedirectsOnlyToLocalPaths(string returnUrl, string expected)
    {
        var response = await Raw().PostAsync("/api/auth/login", Form(MailroomApp.AdminEmail, MailroomApp.AdminPassword, returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task NewPassword_UnderTwelveCharacters_Answers400NamingPassword()
    {
        var admin = await _server.AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/api/users", new { email = "eleven@example.test", displayName = "Eleven", role = "agent", password = "elevenchars" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at least 12 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_CarryReferrerPolicy_AndApiAnswersAreNotCached_HstsOnlyOverHttps()
    {
        var admin = await _server.AdminClientAsync();

        var me = await admin.GetAsync("/api/auth/me");
        var overTls = await Raw().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { { "X-Forwarded-Proto", "https" } } });

        Assert.Equal("no-referrer", me.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", me.Headers.CacheControl?.ToString());
        Assert.False(me.Headers.Contains("Strict-Transport-Security"));
        Assert.StartsWith("max-age=", overTls.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    private HttpClient Raw() => _server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static FormUrlEncodedContent Form(string email, string password, string? returnUrl) => new(new Dictionary<string, string>
    {
        ["email"] = email,
        ["password"] = password,
        ["returnUrl"] = returnUrl ?? "",
    });
}
