using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Auth;

/// <summary>Issue 16: sessions, tokens and live connections end when the user's standing changes.</summary>
public sealed class SessionRevocationTests : IClassFixture<SessionRevocationTests.App>
{
    private const string Password = "agent-password-1";

    // The sweep runs every two seconds; "within seconds" with room for a loaded two-core machine.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly MailroomApp _server;

    public SessionRevocationTests(App app) => _server = app.Server;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new(realSocket: true, settings: new Dictionary<string, string?> { ["Mailroom:Inbound:Enabled"] = "false" });

        public void Dispose() => Server.Dispose();
    }

    [Fact]
    public async Task Cookie_CopiedBeforeSignOut_IsRefusedAfterIt()
    {
        var admin = await _server.AdminClientAsync();
        var (_, email) = await UserAsync(admin);
        var cookie = await SignInCookieAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(cookie, HttpMethod.Get, "/api/auth/me")).StatusCode);

        var signOut = await WithCookieAsync(cookie, HttpMethod.Post, "/api/auth/logout");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(cookie, HttpMethod.Get, "/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Cookie_AfterAPasswordChange_IsRefused()
    {
        var admin = await _server.AdminClientAsync();
        var (id, email) = await UserAsync(admin);
        var cookie = await SignInCookieAsync(email, Password);

        (await admin.PutAsJsonAsync($"/api/users/{id}", new { email, displayName = "Renamed", role = "agent", password = "a-new-password-2" }, MailroomApp.Json))
            .EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(cookie, HttpMethod.Get, "/api/auth/me")).StatusCode);
        Assert.NotNull(await SignInCookieAsync(email, "a-new-password-2"));
    }

    [Fact]
    public async Task Tokens_ExpireAreListedAndRevocable()
    {
        var admin = await _server.AdminClientAsync();
        var (id, email) = await UserAsync(admin);
        var anonymous = _server.CreateClient();
        var issued = await anonymous.PostAsJsonAsync("/api/auth/token", new { email, password = Password, tokenName = "script", expiresInDays = 7 });
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("token").GetString());

        var listed = await client.GetFromJsonAsync<JsonElement>("/api/auth/tokens");
        var mine = Assert.Single(listed.EnumerateArray(), t => t.GetProperty("name").GetString() == "script");
        Assert.InRange(mine.GetProperty("expiresAt").GetDateTime() - TimeProvider.System.GetUtcNow().UtcDateTime, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7));
        var tooLong = await anonymous.PostAsJsonAsync("/api/auth/token", new { email, password = Password, expiresInDays = 1000 });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("expiresInDays", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/auth/tokens/{mine.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);

        var other = await _server.ClientForAsync(email, Password);
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
            await db.ApiTokens.Where(t => t.UserId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1)));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task HubConnection_OfADeactivatedUser_IsClosedWithinSeconds()
    {
        var admin = await _server.AdminClientAsync();
        var (id, email) = await UserAsync(admin);
        var (hub, closed) = await ConnectAsync(await _server.ClientForAsync(email, Password));
        await using var _ = hub;

        (await admin.DeleteAsync($"/api/users/{id}")).EnsureSuccessStatusCode();

        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(Patience)));
    }

    [Fact]
    public async Task Sweep_ASessionOpenedDuringThePass_IsNotClosedByIt()
    {
        // Seen in CI: a connection that opened while a pass was querying the database was closed by that pass,
        // because its user was not in the answer (the agent's next hub call failed with "connection closed").
        var sessions = new Mailroom.Server.Auth.LiveSessions();
        var closedLate = false;
        sessions.Add("gone", userId: int.MaxValue, stamp: "x", accessVersion: 0, () =>
        {
            sessions.Add("opened-meanwhile", userId: int.MaxValue - 1, stamp: "y", accessVersion: 0, () =>
            {
                closedLate = true;
                return Task.CompletedTask;
            });
            return Task.CompletedTask;
        });
        await using var scope = _server.Services.CreateAsyncScope();

        await sessions.SweepAsync(scope.ServiceProvider.GetRequiredService<MailroomDb>(), CancellationToken.None);

        Assert.False(closedLate);
    }

    [Fact]
    public async Task SupervisorRemovedFromAnAccount_LosesTheLiveConnection_AndCannotWatchItAgain()
    {
        var admin = await _server.AdminClientAsync();
        var accountId = await TestAccounts.CreateAsync(admin, "REV");
        var (id, email) = await UserAsync(admin, "supervisor");
        (await admin.PostAsync($"/api/accounts/{accountId}/members/{id}", null)).EnsureSuccessStatusCode();
        var supervisor = await _server.ClientForAsync(email, Password);
        var (hub, closed) = await ConnectAsync(supervisor);
        await using var _ = hub;
        await hub.InvokeAsync<JsonElement>("WatchAccount", accountId);

        (await admin.DeleteAsync($"/api/accounts/{accountId}/members/{id}")).EnsureSuccessStatusCode();

        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(Patience)));
        var (again, _) = await ConnectAsync(supervisor);
        await using var __ = again;
        await Assert.ThrowsAsync<HubException>(() => again.InvokeAsync<JsonElement>("WatchAccount", accountId));
    }

    private static async Task<(int Id, string Email)> UserAsync(HttpClient admin, string role = "agent")
    {
        var email = $"rev-{Guid.NewGuid():N}"[..16] + "@example.test";
        var response = await admin.PostAsJsonAsync("/api/users", new { email, displayName = "Revoked", role, password = Password }, MailroomApp.Json);
        response.EnsureSuccessStatusCode();
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(), email);
    }

    // Over the real socket the factory's client options do not apply: a plain client that neither follows nor keeps.
    private HttpClient RawClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _server.BaseAddress };

    private async Task<string> SignInCookieAsync(string email, string password)
    {
        var response = await RawClient().PostAsync("/api/auth/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = password }));
        // Signed in: redirected to the role's start page, not back to the form.
        var landing = response.Headers.Location?.ToString() ?? "";
        Assert.True(landing.StartsWith('/') && !landing.StartsWith("/login", StringComparison.Ordinal), $"signed in and sent to {landing}");
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mailroom=", StringComparison.Ordinal)).Split(';')[0];
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return await RawClient().SendAsync(request);
    }

    private async Task<(HubConnection Hub, TaskCompletionSource Closed)> ConnectAsync(HttpClient client)
    {
        var token = client.DefaultRequestHeaders.Authorization!.Parameter;
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_server.BaseAddress, "/hubs/agent"), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = MailroomApp.Json)
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        return (hub, closed);
    }
}
