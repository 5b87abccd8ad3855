// Fault runner: many rounds of each fault class against the real Dovecot + Postfix of
// scripts/mail-up.sh (same MAILROOM_TEST_* variables as the tests), on Mailroom.Server as its own process (build
// the solution first), then one table: fault, rounds, mails, lost,
// duplicated, ingest problems, recovery p50 / max.
//   dotnet run -c Release --project bench/Mailroom.Bench.Faults -- [rounds=100] [fault ...]
// Faults: see FaultRounds.All (default: all).
using System.Globalization;
using Mailroom.Bench.Faults;

var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var only = args.Skip(1).ToHashSet();

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
