using System.Net;
using System.Net.Sockets;
using Mailroom.Core;
using Microsoft.AspNetCore.Connections;

namespace Mailroom.Server.Hosting;

internal static class ServerRun
{
    /// <summary>
    /// Starts serving, prints the banner, and waits for Ctrl-C. A port that is taken is one line saying what to
    /// do, not a stack trace: it is the first thing that goes wrong for someone trying Mailroom next to another
    /// service.
    /// </summary>
    public static async Task<int> RunOrExplainAsync(this WebApplication app, string[] args)
    {
        // Checked before starting, because the host logs a failed start as a stack trace before we could catch it.
        // Only the addresses given on the command line (run.sh, a service unit): a test host binds elsewhere.
        if (TakenAddress(CommandLine.Urls(args)) is { } taken)
        {
            return await ExplainAsync(taken);
        }

        try
        {
            await app.StartAsync();
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            return await ExplainAsync("the configured port");   // taken between the check and the start
        }

        var banner = app.Services.GetRequiredService<StartupBanner>();
        Console.WriteLine(banner.Render(app.Urls, app.Services.GetRequiredService<MailroomOptions>().DataDirectory));
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static async Task<int> ExplainAsync(string what)
    {
        await Console.Error.WriteLineAsync($"Mailroom could not start: {what.TrimEnd('.')} is already in use (is Mailroom already running?). " +
            "Choose another port: ./run.sh --port 8080 (or --urls http://127.0.0.1:8080).");
        return 1;
    }

    /// <summary>The first configured address with an explicit IP and port that another process already listens on.</summary>
    private static string? TakenAddress(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) || uri.Port == 0)
            {
                continue;
            }

            try
            {
                using var probe = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(new IPEndPoint(ip, uri.Port));
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return $"port {uri.Port} on {ip}";
            }
        }

        return null;
    }
}
