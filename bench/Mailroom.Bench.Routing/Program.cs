// Arrival→offer latency with many connected agents: a real server on loopback, N SignalR clients over
// WebSockets, interactions arriving at a fixed rate (as inbound ingestion would append them).
// Usage: dotnet run -c Release --project bench/Mailroom.Bench.Routing -- [agents=500] [perSecond=20] [seconds=15] [sqlite|postgres]
// (postgres needs MAILROOM_TEST_PG, the connection string ./test.sh exports; a fresh database is created in it)
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mailroom.Core;
using Mailroom.Core.Accounts;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Queues;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

var agentCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var perSecond = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;

// WebApplicationFactory finds the server's content root through this variable outside a test project.
var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "Mailroom.slnx")))
{
    root = root.Parent;
}

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MAILROOM_SERVER", Path.Combine(root!.FullName, "src", "Mailroom.Server"));
await using var database = args.Length > 3 && args[3] == "postgres" ? await TestDatabase.CreateAsync(DatabaseProvider.Postgres) : null;
using var app = new MailroomApp(database, realSocket: true, settings: new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Warning",
    // MAILROOM_BENCH_SQL=1 logs every command with its duration, to see which query the time goes to.
    ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = Environment.GetEnvironmentVariable("MAILROOM_BENCH_SQL") == "1" ? "Information" : "Warning",
});
var (accountId, tokens) = await Seed.RunAsync(app, agentCount);

var arrivals = new ConcurrentDictionary<long, long>();
var offerLatencies = new ConcurrentBag<double>();
var fanOut = new ConcurrentDictionary<long, (int Count, long Last)>();
// Where the time goes: when the server's event stream delivered the arrival and the offer (routing done).
var streamed = new ConcurrentDictionary<long, long>();
var routed = new ConcurrentDictionary<long, long>();
using var tap = app.Services.GetRequiredService<EventStream>().Subscribe((e, _) =>
{
    if (e.InteractionId is { } id)
    {
        var at = e.Type == nameof(InteractionCreated) ? streamed : e.Type == "OfferCreated" ? routed : null;
        at?.TryAdd(id, Stopwatch.GetTimestamp());
    }

    return Task.CompletedTask;
});
var connections = new List<HubConnection>();
var setup = Stopwatch.StartNew();
foreach (var batch in tokens.Chunk(25))
{
    connections.AddRange(await Task.WhenAll(batch.Select(async token =>
    {
        var c = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/agent"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        c.On<JsonElement>("event", e =>
        {
            var now = Stopwatch.GetTimestamp();
            var type = e.GetProperty("type").GetString();
            if (!e.TryGetProperty("interactionId", out var idElement) || idElement.ValueKind != JsonValueKind.Number)
            {
                return;
            }

            var id = idElement.GetInt64();
            if (type == "OfferCreated" && arrivals.TryGetValue(id, out var t0))
            {
                offerLatencies.Add(Stopwatch.GetElapsedTime(t0, now).TotalMilliseconds);
            }
            else if (type == "InteractionCreated")
            {
                fanOut.AddOrUpdate(id, (1, now), (_, v) => (v.Count + 1, Math.Max(v.Last, now)));
            }
        });
        await c.StartAsync();
        return c;
    })));
}

Console.WriteLine($"{connections.Count} agents connected in {setup.Elapsed.TotalSeconds:F1} s");

var total = perSecond * seconds;
var interval = TimeSpan.FromSeconds(1.0 / perSecond);
var run = Stopwatch.StartNew();
for (var i = 0; i < total; i++)
{
    var due = interval * i;
    if (run.Elapsed < due)
    {
        await Task.Delay(due - run.Elapsed);
    }

    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
    var now = TimeProvider.System.GetUtcNow().UtcDateTime;
    var interaction = new Interaction { AccountId = accountId, Subject = $"Bench {i}", CreatedAt = now, LastActivityAt = now };
    db.Interactions.Add(interaction);
    await db.SaveChangesAsync();
    db.Append(new InteractionCreated(interaction.Id, accountId), now, accountId, interaction.Id);
    arrivals[interaction.Id] = Stopwatch.GetTimestamp();
    await db.SaveChangesAsync();
}

Console.WriteLine($"{total} interactions in {run.Elapsed.TotalSeconds:F1} s (target {seconds} s)");
await Task.Delay(TimeSpan.FromSeconds(5));

var offers = offerLatencies.Order().ToArray();
var fan = fanOut.Where(f => arrivals.ContainsKey(f.Key))
    .Select(f => (Complete: f.Value.Count == connections.Count, Ms: Stopwatch.GetElapsedTime(arrivals[f.Key], f.Value.Last).TotalMilliseconds))
    .ToArray();
var fanMs = fan.Select(f => f.Ms).Order().ToArray();
Console.WriteLine($"offers received: {offers.Length}/{total}; arrival→offer p50 {P(offers, 0.5):F0} ms, p99 {P(offers, 0.99):F0} ms, max {offers.LastOrDefault():F0} ms");
Console.WriteLine($"fan-out to all {connections.Count} agents: {fan.Count(f => f.Complete)}/{total} complete; last client p50 {P(fanMs, 0.5):F0} ms, p99 {P(fanMs, 0.99):F0} ms");

var toStream = Stage(streamed);
var toRouted = Stage(routed);
Console.WriteLine($"stages: arrival→streamed p50 {P(toStream, 0.5):F0} ms, p99 {P(toStream, 0.99):F0} ms; arrival→offer committed+streamed p50 {P(toRouted, 0.5):F0} ms, p99 {P(toRouted, 0.99):F0} ms");

await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));

double[] Stage(ConcurrentDictionary<long, long> at) =>
    at.Where(a => arrivals.ContainsKey(a.Key)).Select(a => Stopwatch.GetElapsedTime(arrivals[a.Key], a.Value).TotalMilliseconds).Order().ToArray();

static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

internal static class Seed
{
    /// <summary>An account, a round-robin queue with every agent, agents online, one API token each.</summary>
    public static async Task<(int AccountId, List<string> Tokens)> RunAsync(MailroomApp app, int agents)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var users = Enumerable.Range(0, agents).Select(i => new User
        {
            Email = $"bench{i}@example.test",
            DisplayName = $"Agent {i}",
            Presence = Presence.Online,
            EmailCapacity = 50,
        }).ToList();
        db.Users.AddRange(users);
        var account = new EmailAccount { Name = "Bench", Key = "BENCH", Address = "bench@example.test" };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        account.Members.AddRange(users.Select(u => new AccountMember { UserId = u.Id }));
        var queue = new MailQueue { Name = "Bench", Strategy = RoutingStrategy.RoundRobinMemory };
        queue.Members.AddRange(users.Select(u => new QueueMember { UserId = u.Id }));
        queue.Accounts.Add(new QueueAccount { AccountId = account.Id });
        db.Queues.Add(queue);
        await db.SaveChangesAsync();
        var signIn = scope.ServiceProvider.GetRequiredService<SignIn>();
        var tokens = new List<string>();
        foreach (var u in users)
        {
            tokens.Add((await signIn.IssueTokenAsync(u.Id, "bench", null, default)).Token);
        }

        return (account.Id, tokens);
    }
}
