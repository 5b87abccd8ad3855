using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Mailroom.TestSupport;

namespace Mailroom.Browser.Tests.AsShipped;

/// <summary>
/// <c>./run.sh</c> of the checkout as a real process, the way the README starts Mailroom: published build,
/// Production environment, its own data folder. Collects what it prints, for the tests to read like a person would.
/// </summary>
public sealed partial class RunSh : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunSh(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Exited += (_, _) => _exited.TrySetResult();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _lines);

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>./run.sh ARGS</c> with the data folder and extra environment given.</summary>
    public static RunSh Start(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Launch("bash", TestEnvironment.RepositoryRoot, ["./run.sh", .. args],
            new Dictionary<string, string>(environment) { ["MAILROOM_DATA_DIR"] = dataDirectory });

    /// <summary>The app run.sh published, started directly from another folder, as a service manager would.</summary>
    public static RunSh StartPublished(string dataDirectory, params string[] args) =>
        Launch("dotnet", Path.GetTempPath(), [Path.Combine(TestEnvironment.RepositoryRoot, ".build", "publish", "Mailroom.Server.dll"), .. args],
            new Dictionary<string, string> { ["Mailroom__DataDirectory"] = dataDirectory });

    private static RunSh Launch(string fileName, string workingDirectory, IEnumerable<string> args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,   // like CI: no terminal, nothing to read
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // The test host runs in Development; the product as shipped must not inherit that.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Start();
        process.StandardInput.Close();
        return new RunSh(process);
    }

    /// <summary>Waits for the banner's "Open:" line and returns the address it names.</summary>
    public async Task<Uri> WaitForBannerAsync(TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (OpenLine().Match(Output) is { Success: true } open && Output.Contains("=============================", StringComparison.Ordinal))
            {
                return new Uri(open.Groups[1].Value);
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"./run.sh exited with {_process.ExitCode} before serving:\n{Output}");
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"./run.sh printed no banner within {timeout}:\n{Output}");
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _exited.Task.WaitAsync(timeout);
        await _process.WaitForExitAsync();   // drains the output
        return _process.ExitCode;
    }

    /// <summary>The value printed after "password:" on the banner's sign-in line.</summary>
    public string PrintedPassword(string email) =>
        Regex.Match(Output, Regex.Escape(email) + @"\s+password:\s*(\S+)") is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"No password for {email} in the output:\n{Output}");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    [GeneratedRegex(@"Open:\s+(http://\S+)")]
    private static partial Regex OpenLine();
}
