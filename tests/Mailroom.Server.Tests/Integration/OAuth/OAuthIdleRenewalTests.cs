using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Mailroom.TestSupport.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Integration.OAuth;

/// <summary>
/// An OAuth account's watcher sitting in IDLE on the real Dovecot while the tests' identity provider issues
/// access tokens that live 90 s: the token is renewed in the background, and a revoked grant is noticed
/// without waiting for a reconnect.
/// </summary>
public sealed class OAuthIdleRenewalTests
{
    // Its own mailbox: the other OAuth tests revoke theirs.
    private const string Mailbox = "sink@example.test";

    [Fact]
    public async Task Watcher_TokenNearsExpiryDuringIdle_IsRenewedMailStillArrivesAndARevokedGrantReadsSignInNeeded()
    {
        var idp = await TestIdentityProvider.SharedAsync();
        using var server = new MailroomApp(settings: new Dictionary<string, string?>
        {
            ["Mailroom:Inbound:IdleRenewalSeconds"] = "2",
            // Tokens live 90 s, so each is renewed about 5 s after it was issued: several renewals within the test.
            ["Mailroom:OAuth:RefreshLeadSeconds"] = "85",
        });
        var admin = await server.AdminClientAsync();
        var accountId = await OAuthAccounts.CreateAsync(admin, idp, Mailbox, "OIR", "xoauth2", active: true);
        await OAuthAccounts.SignInAsync(server, accountId, await idp.RefreshTokenForAsync(Mailbox));
        await UntilAsync(async () => await WatcherStateAsync(admin, accountId) == "idle", "the watcher never reached IDLE");
        var signedInWith = await ExpiryAsync(server, accountId);

        await UntilAsync(async () => await ExpiryAsync(server, accountId) > signedInWith, "the access token was never renewed");
        // Every 2 s the session leaves IDLE for a moment to renew it: back in IDLE, not dropped, is what counts.
        await UntilAsync(async () => await WatcherStateAsync(admin, accountId) == "idle", "the watcher did not go back to IDLE after the renewal");
        var marker = Guid.NewGuid().ToString("N");
        await LocalMail.SendAsync(LocalMail.Compose("customer@customer.test", Mailbox, $"After renewal {marker}", "Hello"));
        await UntilAsync(async () => await StoredAsync(server, marker), "the mail sent after the renewal was not ingested");

        await idp.RevokeAsync(Mailbox);

        // No reconnect is forced: the next renewal between two IDLEs earns invalid_grant.
        await UntilAsync(async () => await WatcherStateAsync(admin, accountId) == "signInNeeded", "the revocation was not noticed");
        var account = await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{accountId}");
        Assert.Equal("signInNeeded", account.GetProperty("oAuth").GetProperty("state").GetString());
    }

    private static async Task<string?> WatcherStateAsync(HttpClient admin, int accountId) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{accountId}/watcher")).GetProperty("state").GetString();

    private static async Task<DateTime?> ExpiryAsync(MailroomApp server, int accountId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        return (await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId)).OAuth.AccessTokenExpiresAt;
    }

    private static async Task<bool> StoredAsync(MailroomApp server, string marker)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailroomDb>().Messages.AnyAsync(m => m.Subject.Contains(marker));
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string failure)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(45), failure);
            await Task.Delay(100);
        }
    }
}
