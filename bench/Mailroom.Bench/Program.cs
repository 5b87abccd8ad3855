// Inbound benchmark: backlog ingest throughput and arrival->stored latency against the real
// Dovecot + Postfix of scripts/mail-up.sh (same MAILROOM_TEST_* variables as the tests).
//   dotnet run -c Release --project bench/Mailroom.Bench -- [backlog=10000] [latencyMessages=100] [ratePerSecond=5] [warmUp=2000]
// The warm-up backlog goes to another mailbox first, so the measured one runs on jitted, tiered-up code, as a
// server does after its first minutes; the same figures cold come from warmUp=0.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Bench;
using Mailroom.Core;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

var backlog = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var latencyCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var rate = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var warmUp = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000;
const string Support = "support@example.test";
const string WarmUpMailbox = "sales@example.test";
var marker = Guid.NewGuid().ToString("N")[..8];

await LocalMail.ControlAsync("reset", Support);
await LocalMail.ControlAsync("reset", WarmUpMailbox);
var corpus = Directory.CreateTempSubdirectory("mailroom-bench-");
var bytes = Corpus.Write(corpus.FullName, backlog, marker);
Console.WriteLine($"Preloading {backlog} messages ({bytes / 1024 / 1024} MB) into {Support} ...");
await LocalMail.ControlAsync("deliver", Support, corpus.FullName);
var warmUpCorpus = Directory.CreateTempSubdirectory("mailroom-bench-warm-");
// Other senders: the measured backlog creates its 500 contacts itself.
Corpus.Write(warmUpCorpus.FullName, warmUp, "warm" + marker, "warmup.test");
if (warmUp > 0)
{
    await LocalMail.ControlAsync("deliver", WarmUpMailbox, warmUpCorpus.FullName);
}

ParseCost.Report(warmUpCorpus.FullName, corpus.FullName);

// WebApplicationFactory finds the server's content root through this variable outside a test project.
var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "Mailroom.slnx")))
{
    root = root.Parent;
}

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MAILROOM_SERVER", Path.Combine(root!.FullName, "src", "Mailroom.Server"));
await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
// Debug: the watcher logs, per batch, how long the fetch, the parse + blob writes and the commit took.
using var app = new MailroomApp(database, settings: new Dictionary<string, string?>
{
    ["Logging:LogLevel:Mailroom.Core.Mail.Inbound"] = Environment.GetEnvironmentVariable("BENCH_INBOUND_LOG") ?? "Warning",
    // Information: every SQL command with its duration, to see where a commit's time goes.
    ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = Environment.GetEnvironmentVariable("BENCH_SQL_LOG") ?? "Warning",
});
var admin = await app.AdminClientAsync();
if (warmUp > 0)
{
    var warming = Stopwatch.StartNew();
    (await admin.PostAsJsonAsync("/api/accounts", LocalMail.AccountBody(WarmUpMailbox, "WARM", transfer: new { accountTransferEnabled = false })))
        .EnsureSuccessStatusCode();
    while (await CountAsync() < warmUp)
    {
        await Task.Delay(100);
    }

    Console.WriteLine($"Warm-up: {warmUp} messages in {warming.Elapsed.TotalSeconds:F1} s = {warmUp / warming.Elapsed.TotalSeconds:F0} msg/s (not measured)");
    // The routing and service-level consumers finish the warm-up's events before the measured run starts.
    await Task.Delay(TimeSpan.FromSeconds(5));
}

var storedBefore = await CountAsync();
var watch = Stopwatch.StartNew();
// CPU time is the figure a busy shared machine disturbs least: wall time waits for other processes' cores.
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var created = await admin.PostAsJsonAsync("/api/accounts", LocalMail.AccountBody(Support, "BENCH", transfer: new { accountTransferEnabled = false }));
created.EnsureSuccessStatusCode();
while (await CountAsync() - storedBefore < backlog)
{
    await Task.Delay(100);
}

var backlogSeconds = watch.Elapsed.TotalSeconds;
var cpuPerMessage = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / backlog;
Console.WriteLine($"Backlog: {backlog} messages in {backlogSeconds:F1} s = {backlog / backlogSeconds:F0} msg/s, "
    + $"{cpuPerMessage:F2} ms CPU per message in this process; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

var latencies = new List<double>();
var poller = new List<double>();
var clock = Stopwatch.StartNew();
// A 60-s poller started at a random phase: a message waits for the next poll, then its own ingest time.
var pollPhase = Random.Shared.NextDouble() * 60;
for (var i = 0; i < latencyCount; i++)
{
    var subject = $"Latency {i} {marker}";
    var sentAt = clock.Elapsed.TotalSeconds;
    var lastStored = await CountAsync();
    // One sender each: twenty mails from one address within seconds are a flood, held instead of stored.
    await LocalMail.SendAsync(LocalMail.Compose($"latency{i}@customer.test", Support, subject, "Hello"));
    var sent = Stopwatch.StartNew();
    while (!await ExistsAsync(subject, lastStored))
    {
        await Task.Delay(5);
    }

    var ms = sent.Elapsed.TotalMilliseconds;
    latencies.Add(ms);
    poller.Add((60 - ((sentAt + pollPhase) % 60)) * 1000 + ms);
    var next = (i + 1) / rate;
    if (clock.Elapsed.TotalSeconds < next)
    {
        await Task.Delay(TimeSpan.FromSeconds(next - clock.Elapsed.TotalSeconds));
    }
}

Console.WriteLine();
Console.WriteLine($"| arrival->stored ({latencyCount} msgs via Postfix, {rate}/s) | p50 ms | p99 ms | max ms |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine($"| Mailroom (IMAP IDLE) | {P(latencies, 50):F0} | {P(latencies, 99):F0} | {latencies.Max():F0} |");
Console.WriteLine($"| 60-s poller (same run, simulated) | {P(poller, 50):F0} | {P(poller, 99):F0} | {poller.Max():F0} |");
Console.WriteLine($"| backlog ingest | {backlog / backlogSeconds:F0} msg/s | {cpuPerMessage:F2} ms CPU/msg | |");
corpus.Delete(recursive: true);
warmUpCorpus.Delete(recursive: true);
return 0;

static double P(List<double> values, int percentile)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

// The highest id, not COUNT(*): counting ten thousand rows ten times a second took a sixth of the CPU measured.
// Ids only grow and the bench deletes nothing, so it counts the same.
async Task<long> CountAsync()
{
    await using var db = database.NewContext();
    return await db.Messages.MaxAsync(m => (long?)m.Id) ?? 0;
}

// By primary key: a scan for the subject every 5 ms would load the server the latency is measured on.
async Task<bool> ExistsAsync(string subject, long after)
{
    await using var db = database.NewContext();
    return await db.Messages.Where(m => m.Id > after).AnyAsync(m => m.Subject == subject);
}
