namespace Mailroom.Server.Hosting;

/// <summary>
/// The one block a newcomer reads in the terminal once Mailroom listens: the address to open, how to sign in,
/// where the data is. Parts of the start-up (the first administrator, the demo) add their lines here instead of
/// printing their own blocks between log lines.
/// </summary>
internal sealed class StartupBanner
{
    private readonly List<string> _lines = [];
    private readonly Lock _lock = new();

    public void Add(string line)
    {
        lock (_lock)
        {
            _lines.Add(line);
        }
    }

    public string Render(IEnumerable<string> addresses, string dataDirectory)
    {
        var open = string.Join("  ", addresses.Select(a => a.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)));
        lock (_lock)
        {
            return string.Join(Environment.NewLine,
            [
                "",
                "==== Mailroom is running ====",
                $"Open:      {open}",
                .. _lines,
                $"Data:      {dataDirectory}",
                "Stop:      Ctrl-C",
                "=============================",
                "",
            ]);
        }
    }
}
