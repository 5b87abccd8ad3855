using System.Globalization;

namespace Mailroom.Bench.Faults;

/// <summary>What one round of a fault did to the mail it concerned, and how long until everything was through.</summary>
internal sealed record RoundResult(int Mails, int Lost, int Duplicated, int Problems, TimeSpan Recovery, int Failed = 0);

/// <summary>The rounds of one fault class, as a row of the table in docs/BENCHMARKS.md.</summary>
internal sealed class FaultTally(string fault)
{
    public const string Header = "| fault | rounds | mails | lost | duplicated | failed | ingest problems | recovery p50 s | max s |\n|---|---|---|---|---|---|---|---|---|";

    private readonly List<double> _recoveries = [];
    private int _mails;
    private int _lost;
    private int _duplicated;
    private int _problems;
    private int _failed;

    /// <summary>A round; <paramref name="timed"/> false for the final check of the whole mailbox, which is no round.</summary>
    public void Add(RoundResult round, bool timed = true)
    {
        if (timed)
        {
            _recoveries.Add(round.Recovery.TotalSeconds);
        }

        _mails += round.Mails;
        _lost += round.Lost;
        _duplicated += round.Duplicated;
        _problems += round.Problems;
        _failed += round.Failed;
    }

    public string Row()
    {
        var sorted = _recoveries.Order().ToList();
        var p50 = sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
        var max = sorted.Count == 0 ? 0 : sorted[^1];
        return string.Create(CultureInfo.InvariantCulture,
            $"| {fault} | {sorted.Count} | {_mails} | {_lost} | {_duplicated} | {_failed} | {_problems} | {p50:F1} | {max:F1} |");
    }
}
