using System.Diagnostics;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Mail.Inbound.Decoding;

namespace Mailroom.Bench;

/// <summary>
/// CPU per message of the two parts of parsing, on one thread, before the host starts (so the process's CPU
/// time is this loop's, its garbage collection included): MimeKit's parse of the raw bytes, and the extraction
/// of what the agent sees (charsets decoded, every displayed text part in order, the preview).
/// </summary>
internal static class ParseCost
{
    private const int Sample = 2000;

    public static void Report(string warmUpDirectory, string directory)
    {
        Measure(Directory.EnumerateFiles(warmUpDirectory).Take(Sample));
        var (load, extract, count) = Measure(Directory.EnumerateFiles(directory).Take(Sample));
        Console.WriteLine($"Parse, one thread, {count} messages: MIME parse {load / count:F3} ms CPU/msg, "
            + $"display text and fields {extract / count:F3} ms CPU/msg");
    }

    // Two passes over the same messages, since the process clock ticks far slower than one message parses:
    // the MIME parse alone, then parse and extraction; the difference is the extraction.
    private static (double LoadMs, double ExtractMs, int Count) Measure(IEnumerable<string> files)
    {
        var raws = files.Select(File.ReadAllBytes).ToList();
        var loadOnly = Cpu(() => raws.ForEach(raw => MailParser.Load(raw)));
        var both = Cpu(() => raws.ForEach(raw => ParsedMail.FromMime(MailParser.Load(raw)).Preview()));
        return (loadOnly, both - loadOnly, Math.Max(1, raws.Count));
    }

    private static double Cpu(Action work)
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        work();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds;
    }
}
