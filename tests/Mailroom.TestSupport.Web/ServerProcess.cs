using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
namespace Mailroom.TestSupport;

/// <summary>
/// Mailroom.Server as a real, separate process (<c>dotnet Mailroom.Server.dll</c>) on a given database and data
/// folder, so a test can end it with SIGKILL — no finally block, no disposal, exactly like a crash.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private bool _disposed;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's last lines of output, for a failure message.</summary>
    public string LastOutput
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    public Uri BaseAddress { get; }

    public static async Task<ServerProcess> StartAsync(TestDatabase database, string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var dll = ServerDll();
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        // "Urls" as a plain variable outranks appsettings.json's fixed port (ASPNETCORE_URLS does not).
        start.Environment["Urls"] = url.ToString();
        start.Environment["Mailroom__DataDirectory"] = dataDirectory;
        start.Environment["Mailroom__Database__Provider"] = database.Provider.ToString();
        start.Environment["Mailroom__Database__ConnectionString"] = database.ConnectionString;
        start.Environment["MAILROOM_ADMIN_PASSWORD"] = MailroomApp.AdminPassword;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Mailroom__Outbound__UndoHold"] = "00:00:00";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(process, url);
        // Drained so a chatty server never blocks on a full pipe; the tail is kept for failure messages.
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitHealthyAsync();
        return server;
    }

    /// <summary>SIGKILL: the process ends wherever it is, mid-fetch or mid-commit.</summary>
    public async Task KillAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the host's graceful shutdown, as a deploy or systemd stops the service.</summary>
    public async Task StopAsync()
    {
        if (_disposed || _process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public Task<HttpClient> AdminClientAsync() => ClientForAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);

    /// <summary>A client signed in with a bearer token as the given user.</summary>
    public async Task<HttpClient> ClientForAsync(string email, string password)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _disposed = true;
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Mailroom.Server exited with code {_process.ExitCode} while starting:\n{LastOutput}");
            }

            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A busy machine: try again.
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(180))
            {
                throw new TimeoutException($"Mailroom.Server did not become healthy within 180 s:\n{LastOutput}");
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server built next to the calling assembly's configuration (test.sh builds the whole solution).</summary>
    private static string ServerDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Mailroom.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Mailroom.slnx not found above " + AppContext.BaseDirectory),
            "src", "Mailroom.Server", "bin", configuration, framework, "Mailroom.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first (./test.sh does)", dll);
    }
}
