// Search at scale: fills a fresh database with N messages in N/4 interactions across 20 accounts (realistic
// vocabulary, common and rare words), then measures list and search queries through the real query code.
// Usage: MAILROOM_TEST_PG=... dotnet run -c Release --project bench/Mailroom.Bench.Search -- [sqlite|postgres|both] [messages=1000000] [runs=200]
// MAILROOM_BENCH_KEEP=<folder> (SQLite) / MAILROOM_BENCH_KEEP_PG=<database name> (PostgreSQL): generate there
// once and reuse it on later runs.
// MAILROOM_BENCH_SQL=1: print each kind's SQL once (to EXPLAIN it by hand).
using System.Diagnostics;
using System.Globalization;
using Mailroom.Bench.Search;
using Mailroom.Core;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Search;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

var which = args.Length > 0 ? args[0] : "both";
var messages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
var providers = which switch
{
    "sqlite" => new[] { DatabaseProvider.Sqlite },
    "postgres" => [DatabaseProvider.Postgres],
    _ => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
};

foreach (var provider in providers)
{
    var keep = Environment.GetEnvironmentVariable(provider == DatabaseProvider.Sqlite ? "MAILROOM_BENCH_KEEP" : "MAILROOM_BENCH_KEEP_PG");
    await using var database = keep is null ? await TestDatabase.CreateAsync(provider) : await TestDatabase.OpenKeptAsync(provider, keep);
    var clock = Stopwatch.StartNew();
    var world = await Generator.FindAsync(database);
    if (world is null)
    {
        world = await Generator.FillAsync(database, messages);
        Console.WriteLine($"{provider}: generated {messages:N0} messages in {world.Interactions:N0} interactions in {clock.Elapsed.TotalSeconds:F0} s");
    }
    else
    {
        Console.WriteLine($"{provider}: reusing {world.Interactions:N0} interactions in {keep}");
    }

    // A supervisor who is a member of every account: the visibility filter is applied, nothing is skipped.
    var actor = new Actor(world.Supervisor, Role.Supervisor);
    var showSql = false;
    var random = new Random(7);
    var kinds = new (string Name, Func<Task<int>> Run)[]
    {
        ("list: first page, account + open + unread", () => List(new InteractionFilter(AccountId: world.AccountIds[random.Next(20)], Status: InteractionStatus.Open, Unread: true))),
        ("list: first page, Me scope, no filter", () => List(new InteractionFilter(Scope: ListScope.Mine))),
        ("quick: rare word", () => List(new InteractionFilter(Query: Vocabulary.Rare[random.Next(Vocabulary.Rare.Length)]))),
        ("quick: common word", () => List(new InteractionFilter(Query: Vocabulary.Common[random.Next(Vocabulary.Common.Length)]))),
        ("quick: email address", () => List(new InteractionFilter(Query: Generator.ContactEmail(random.Next(world.Contacts))))),
        ("quick: interaction id", () => List(new InteractionFilter(Query: (world.FirstInteractionId + random.Next(world.Interactions)).ToString(CultureInfo.InvariantCulture)))),
        ("advanced: 3 conditions (text+status+date)", () => Advanced(new AdvancedSearch(
        [
            new("messageText", "contains", Vocabulary.Medium[random.Next(Vocabulary.Medium.Length)]),
            new("status", "equals", "open"),
            new("createdAt", "greaterThan", Generator.Start.AddDays(random.Next(300)).ToString("O", CultureInfo.InvariantCulture)),
        ]))),
        ("advanced: 3 conditions (contact+agent+unread)", () => Advanced(new AdvancedSearch(
        [
            new("contactEmail", "startsWith", "c" + random.Next(1000).ToString(CultureInfo.InvariantCulture)),
            new("agent", "isEmpty"),
            new("unreadCount", "greaterThan", "0"),
        ]))),
    };

    Console.WriteLine($"| {provider} | p50 ms | p95 ms | p99 ms | mean rows |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var (name, run) in kinds)
    {
        showSql = Environment.GetEnvironmentVariable("MAILROOM_BENCH_SQL") == "1";
        for (var n = 0; n < 10; n++)
        {
            await run();
        }

        var times = new List<double>();
        long rows = 0;
        for (var n = 0; n < runs; n++)
        {
            var watch = Stopwatch.StartNew();
            rows += await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Pct(times, 0.50):F1} | {Pct(times, 0.95):F1} | {Pct(times, 0.99):F1} | {rows / (double)runs:F1} |"));
    }

    async Task<int> List(InteractionFilter filter)
    {
        await using var db = database.NewContext();
        var finder = new InteractionFinder(db, database.FullText);
        var query = await finder.FilterAsync(actor, filter, default);
        return await CountRowsAsync(db, query);
    }

    async Task<int> Advanced(AdvancedSearch search)
    {
        await using var db = database.NewContext();
        var finder = new InteractionFinder(db, database.FullText);
        var query = await new AdvancedSearchQuery(db, finder).BuildAsync(actor, search, default);
        return await CountRowsAsync(db, query);
    }

    async Task<int> CountRowsAsync(Mailroom.Core.Storage.MailroomDb db, IQueryable<Interaction> query)
    {
        var page = InteractionRows.Project(db, query.Newest().Page(0, 50));
        if (showSql)
        {
            Console.WriteLine(page.ToQueryString());
            showSql = false;
        }

        return (await page.ToListAsync()).Count;
    }
}

static double Pct(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
