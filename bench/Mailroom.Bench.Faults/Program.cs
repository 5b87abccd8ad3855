// Fault runner (issue 23): many rounds of each fault class against the real Dovecot + Postfix of
// scripts/mail-up.sh (same MAILROOM_TEST_* variables as the tests), then one table: fault, rounds, mails, lost,
// duplicated, ingest problems, recovery p50 / max.
//   dotnet run -c Release --project bench/Mailroom.Bench.Faults -- [rounds=100] [fault ...]
// Faults: imap-silent imap-cut-literal dovecot-outage expunge-race smtp-cut-data postfix-outage (default: all).
using System.Globalization;
using Mailroom.Bench.Faults;

var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var only = args.Skip(1).ToHashSet();

// WebApplicationFactory finds the server's content root through this variable outside a test project.
var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "Mailroom.slnx")))
{
    root = root.Parent;
}

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MAILROOM_SERVER", Path.Combine(root!.FullName, "src", "Mailroom.Server"));
await using var rig = await FaultRig.StartAsync();
var results = new List<FaultTally>();
foreach (var fault in FaultRounds.All.Where(f => only.Count == 0 || only.Contains(f.Name)))
{
    var tally = new FaultTally(fault.Name);
    Console.WriteLine($"{fault.Name}: {rounds} rounds ...");
    for (var round = 0; round < rounds; round++)
    {
        tally.Add(await fault.RunAsync(rig, round));
    }

    tally.Add(await rig.MailboxMismatchAsync(), timed: false);
    results.Add(tally);
    Console.WriteLine(tally.Row());
}

Console.WriteLine();
Console.WriteLine(FaultTally.Header);
foreach (var tally in results)
{
    Console.WriteLine(tally.Row());
}

Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
