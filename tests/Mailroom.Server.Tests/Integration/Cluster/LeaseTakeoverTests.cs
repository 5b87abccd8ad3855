using Mailroom.Core;
using Mailroom.TestSupport;
using Xunit.Abstractions;

namespace Mailroom.Server.Tests.Integration.Cluster;

/// <summary>
/// Issue 20: nodes on one PostgreSQL share the accounts, one IMAP connection per mailbox, and a node killed with
/// -9 has its accounts taken over within 15 s with nothing lost or stored twice.
/// </summary>
[Collection(MailServerCollection.Name)]
public sealed class LeaseTakeoverTests(ITestOutputHelper output)
{
    private const string Support = "support@example.test";
    private const string Sales = "sales@example.test";
    private static readonly TimeSpan Takeover = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task TwoNodes_SplitTheAccounts_NeverLogInTwice_AndAKilledNodesMailboxIsTakenOverWithin15s_NothingLostOrDuplicated()
    {
        var marker = "cl" + Guid.NewGuid().ToString("N")[..8];
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var cluster = new ClusterNodes(database, Path.Combine(Path.GetTempPath(), "mailroom-cluster-" + marker));
        var a = await cluster.StartAsync("node-a");
        using var adminA = await a.AdminClientAsync();
        var support = await ClusterNodes.CreateAccountAsync(adminA, Support, "S" + marker[^4..].ToUpperInvariant());
        var sales = await ClusterNodes.CreateAccountAsync(adminA, Sales, "L" + marker[^4..].ToUpperInvariant());
        await ClusterNodes.WaitForAsync(async () => await ClusterNodes.WatcherAsync(adminA, support) == ("idle", "node-a")
            && await ClusterNodes.WatcherAsync(adminA, sales) == ("idle", "node-a") ? "" : null, TimeSpan.FromSeconds(60), "node-a watching both mailboxes");

        // A second node joins: the accounts rebalance, one each, and both nodes tell the same.
        var b = await cluster.StartAsync("node-b");
        using var adminB = await b.AdminClientAsync();
        var owners = await ClusterNodes.WaitForAsync(async () =>
        {
            var (s, l) = (await ClusterNodes.WatcherAsync(adminB, support), await ClusterNodes.WatcherAsync(adminB, sales));
            return s.State == "idle" && l.State == "idle" && s.Node != l.Node ? new Dictionary<int, string> { [support] = s.Node!, [sales] = l.Node! } : null;
        }, TimeSpan.FromSeconds(30), "the accounts split over two nodes");
        Assert.Equal(await ClusterNodes.WatcherAsync(adminB, support), await ClusterNodes.WatcherAsync(adminA, support));
        output.WriteLine($"support on {owners[support]}, sales on {owners[sales]}");

        // Settled: mail flows and no node opens a second connection to a mailbox another one holds.
        var (supportLogins, salesLogins) = (ClusterNodes.Logins(Support), ClusterNodes.Logins(Sales));
        var delivered = await ClusterNodes.DeliverAsync(Support, marker, "s1", 10);
        delivered.AddRange(await ClusterNodes.DeliverAsync(Sales, marker, "l1", 10));
        await WaitStoredAsync(cluster, marker, delivered.Count);
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal((supportLogins, salesLogins), (ClusterNodes.Logins(Support), ClusterNodes.Logins(Sales)));

        // Kill the node that holds support@ while it IDLEs, with mail arriving around the kill.
        var victim = owners[support];
        var survivor = victim == "node-a" ? "node-b" : "node-a";
        var survivorAdmin = victim == "node-a" ? adminB : adminA;
        delivered.AddRange(await ClusterNodes.DeliverAsync(Support, marker, "s2", 10));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await cluster.KillAsync(victim);
        delivered.AddRange(await ClusterNodes.DeliverAsync(Support, marker, "s3", 10));
        await ClusterNodes.WaitForAsync(async () => await ClusterNodes.WatcherAsync(survivorAdmin, support) == ("idle", survivor) ? "" : null,
            TimeSpan.FromSeconds(30), $"{survivor} taking over {Support}");
        var takeover = watch.Elapsed;
        output.WriteLine($"takeover of {Support} by {survivor} in {takeover.TotalSeconds:0.0} s");
        Assert.True(takeover < Takeover, $"takeover took {takeover.TotalSeconds:0.0} s");

        var stored = await WaitStoredAsync(cluster, marker, delivered.Count);
        Assert.Equal(delivered.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        // One new login for support@ (the survivor's), none for sales@, whose node never stopped.
        Assert.Equal((supportLogins + 1, salesLogins), (ClusterNodes.Logins(Support), ClusterNodes.Logins(Sales)));
    }

    private static async Task<List<string>> WaitStoredAsync(ClusterNodes cluster, string marker, int count)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var stored = await cluster.StoredAsync(marker);
            // Past the count is a duplicate: stop waiting and let the comparison show it.
            if (stored.Count >= count || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                return stored;
            }

            await Task.Delay(200);
        }
    }
}
