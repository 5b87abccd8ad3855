// Service-level timers and figures at 10,000 open interactions with running clocks: how late the product's timer
// worker marks each at-risk and breach instant (stamped when the mark is written), and what the live board's
// "service level today" query costs. No web server: the same use cases on the same database.
// Usage: dotnet run -c Release --project bench/Mailroom.Bench.Sla -- [sqlite|postgres] [clocks=10000] [spreadSeconds=120]
// (postgres needs MAILROOM_TEST_PG, the connection string ./test.sh exports; a fresh database is created in it)
using System.Diagnostics;
using System.Globalization;
using Mailroom.Core;
using Mailroom.Core.Accounts;
using Mailroom.Core.Interactions;
using Mailroom.Core.ServiceLevels;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

var provider = args.Length > 0 && args[0] == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
var clockCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var spread = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 120);

await using var database = await TestDatabase.CreateAsync(provider);
var accountId = await SeedAsync(database, clockCount, spread);
Console.WriteLine($"{provider}: {clockCount} open interactions, each with a first-response clock; their {2 * clockCount} at-risk and breach instants fall within the next {spread.TotalSeconds:F0} s");

// The board's query while nothing else runs: the floor (after one call that compiles the query).
await TimeBoardAsync(database, accountId, 1);
var quiet = await TimeBoardAsync(database, accountId, 30);
Console.WriteLine($"Board 'service level today', quiet: p50 {Percentile(quiet, 50):F1} ms, p99 {Percentile(quiet, 99):F1} ms");

// The timer worker's loop, with the board read once a second beside it, as a supervisor's wallboard does.
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var run = Stopwatch.StartNew();
var busy = new List<double>();
var boardTask = Task.Run(async () =>
{
    while (run.Elapsed < spread + TimeSpan.FromSeconds(5))
    {
        busy.AddRange(await TimeBoardAsync(database, accountId, 1));
        await Task.Delay(1000);
    }
});
// The product's own worker, as the host runs it.
var services = new ServiceCollection().AddLogging().AddDbContext<MailroomDb>(database.Configure).AddSingleton(TimeProvider.System)
    .AddScoped<SlaTimers>().AddScoped<SlaActionRunner>().BuildServiceProvider();
var worker = new SlaTimerWorker(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<SlaTimerWorker>.Instance);
var started = TimeProvider.System.GetUtcNow().UtcDateTime;
await worker.StartAsync(default);
await Task.Delay(spread + TimeSpan.FromSeconds(5));
await worker.StopAsync(default);
await boardTask;
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

// Lateness: when each mark was written (its history row, stamped with the worker's clock) after its instant.
await using (var db = database.NewContext())
{
    var clocks = await db.SlaClocks.AsNoTracking().Select(c => new { c.InteractionId, c.AtRiskAt, c.DueAt, c.AtRiskReachedAt, c.BreachedAt }).ToListAsync();
    var marks = await db.History.AsNoTracking().Where(h => h.Action == "sla-at-risk" || h.Action == "sla-breached")
        .Select(h => new { h.InteractionId, h.Action, h.At }).ToListAsync();
    var due = clocks.ToDictionary(c => c.InteractionId);
    // Instants that passed while the clocks were being seeded were due before the worker ran: not its lateness.
    var late = marks.Select(m => m.Action == "sla-at-risk" ? (m.At, Due: due[m.InteractionId].AtRiskAt!.Value) : (m.At, Due: due[m.InteractionId].DueAt!.Value))
        .Where(m => m.Due >= started).Select(m => (m.At - m.Due).TotalMilliseconds).Order().ToList();
    Console.WriteLine($"Marks written: {marks.Count} of {2 * clockCount} ({clocks.Count(c => c.BreachedAt is not null)} breached)");
    Console.WriteLine($"Lateness after the due instant ({late.Count} instants after the worker started): p50 {Percentile(late, 50):F0} ms, p99 {Percentile(late, 99):F0} ms, max {late.LastOrDefault():F0} ms (a pass every 250 ms, at once after a full batch)");
}

Console.WriteLine($"Board 'service level today' beside the timers: p50 {Percentile(busy, 50):F1} ms, p99 {Percentile(busy, 99):F1} ms ({busy.Count} reads)");
Console.WriteLine($"CPU {cpu.TotalSeconds:F1} s over {run.Elapsed.TotalSeconds:F0} s wall; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

static async Task<int> SeedAsync(TestDatabase database, int count, TimeSpan spread)
{
    await using var db = database.NewContext();
    var account = new EmailAccount { Name = "Bench", Key = "BENCH", Address = "bench@example.test" };
    db.Accounts.Add(account);
    // A one-minute target at risk at half time: both instants of every clock fall inside a short run.
    var policy = new SlaPolicy { Name = "Within the minute", FirstResponseMinutes = 1, AtRiskPercent = 50, CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime };
    db.SlaPolicies.Add(policy);
    await db.SaveChangesAsync();
    policy.AccountId = account.Id;
    var now = TimeProvider.System.GetUtcNow().UtcDateTime;
    var random = new Random(11);
    for (var done = 0; done < count; done += 1000)
    {
        var interactions = Enumerable.Range(0, Math.Min(1000, count - done))
            .Select(_ => new Interaction { AccountId = account.Id, Subject = "Bench", CreatedAt = now, LastActivityAt = now })
            .ToList();
        db.Interactions.AddRange(interactions);
        await db.SaveChangesAsync();
        foreach (var interaction in interactions)
        {
            // Breaches spread evenly over [30 s, spread), each at risk 30 s before.
            var breach = now + TimeSpan.FromSeconds(30 + (random.NextDouble() * (spread.TotalSeconds - 30)));
            var atRisk = breach - TimeSpan.FromSeconds(30);
            db.SlaClocks.Add(new SlaClock
            {
                InteractionId = interaction.Id,
                PolicyId = policy.Id,
                Kind = SlaKind.FirstResponse,
                TargetMinutes = 1,
                AtRiskPercent = 50,
                StartedAt = breach.AddMinutes(-1),
                RunningSince = breach.AddMinutes(-1),
                DueAt = breach,
                AtRiskAt = atRisk,
                NextTimerAt = atRisk,
            });
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    return account.Id;
}

static async Task<List<double>> TimeBoardAsync(TestDatabase database, int accountId, int times)
{
    var took = new List<double>();
    for (var i = 0; i < times; i++)
    {
        await using var db = database.NewContext();
        var watch = Stopwatch.StartNew();
        await ServiceLevelToday.ForAccountAsync(db, accountId, TimeProvider.System.GetUtcNow().UtcDateTime, default);
        took.Add(watch.Elapsed.TotalMilliseconds);
    }

    return took;
}

static double Percentile(List<double> values, int p)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
}
