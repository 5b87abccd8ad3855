using System.Net;
using Mailroom.Core;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Mailroom.Server.Tests.Integration.Cluster;

/// <summary>
/// Issue 20: the key ring in the database. An installation upgraded from the file ring keeps reading the mailbox
/// passwords it encrypted before; a node with no key file of its own reads them, and a cookie issued by another node.
/// </summary>
[Collection(MailServerCollection.Name)]
public sealed class SharedKeysTests(ITestOutputHelper output)
{
    private const string Support = "support@example.test";
    private static readonly Dictionary<string, string?> InDatabase = new() { ["Mailroom:DataProtection:Keys"] = "Database" };

    [Fact]
    public async Task FileRingUpgradedToTheDatabase_OldMailboxPasswordStillDecrypts_OnANodeWithoutKeyFiles_AndACookieOfNodeAWorksOnNodeB()
    {
        var marker = "dk" + Guid.NewGuid().ToString("N")[..8];
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var dataA = Path.Combine(Path.GetTempPath(), "mailroom-keys-a-" + marker);
        var dataB = Path.Combine(Path.GetTempPath(), "mailroom-keys-b-" + marker);
        await using var cluster = new ClusterNodes(database, dataA);

        // As installed before: one node, keys in {DataDirectory}/keys, a mailbox password encrypted with them.
        var old = await cluster.StartAsync("node-a");
        int support;
        using (var admin = await old.AdminClientAsync())
        {
            support = await ClusterNodes.CreateAccountAsync(admin, Support, "K" + marker[^4..].ToUpperInvariant());
            await WaitIdleAsync(admin, support, "node-a");
        }

        await old.StopAsync();
        await cluster.KillAsync("node-a");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dataA, "keys"), "key-*.xml"));

        // Upgraded to the shared ring: the file keys are imported, the old password still logs in.
        var a = await cluster.StartAsync("node-a", InDatabase);
        await using (var db = database.NewContext())
        {
            Assert.Equal(Directory.GetFiles(Path.Combine(dataA, "keys"), "key-*.xml").Length, await db.DataProtectionKeys.CountAsync());
        }

        using var adminA = await a.AdminClientAsync();
        await WaitIdleAsync(adminA, support, "node-a");

        // A node with a data folder (and so no key file) of its own.
        var b = await cluster.StartAsync("node-b", InDatabase, ownData: dataB);
        Assert.False(Directory.Exists(Path.Combine(dataB, "keys")) && Directory.GetFiles(Path.Combine(dataB, "keys")).Length > 0);

        // A cookie issued by node A is accepted by node B.
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var browser = new HttpClient(handler);
        using var login = await browser.PostAsync(new Uri(a.BaseAddress, "/api/auth/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = MailroomApp.AdminEmail,
            ["password"] = MailroomApp.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var me = new HttpRequestMessage(HttpMethod.Get, new Uri(b.BaseAddress, "/api/auth/me"));
        me.Headers.Add("Cookie", cookie);
        using var answer = await browser.SendAsync(me);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        // Node A dies: node B decrypts the password node A's file ring encrypted, logs in and ingests.
        await cluster.KillAsync("node-a");
        using var adminB = await b.AdminClientAsync();
        await WaitIdleAsync(adminB, support, "node-b");
        var delivered = await ClusterNodes.DeliverAsync(Support, marker, "k", 3);
        var stored = await ClusterNodes.WaitForAsync(async () => await cluster.StoredAsync(marker) is { Count: >= 3 } s ? s : null,
            TimeSpan.FromSeconds(60), "node-b ingesting");
        Assert.Equal(delivered.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        output.WriteLine($"node-b ingested {stored.Count} mails with the imported key");
        TryDelete(dataB);
    }

    private static Task<string> WaitIdleAsync(HttpClient admin, int accountId, string node) =>
        ClusterNodes.WaitForAsync(async () => await ClusterNodes.WatcherAsync(admin, accountId) == ("idle", node) ? node : null,
            TimeSpan.FromSeconds(60), $"{node} watching account {accountId}");

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }
}
