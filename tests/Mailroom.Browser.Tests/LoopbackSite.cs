using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Mailroom.Browser.Tests;

/// <summary>
/// A sender's web server on 127.0.0.1 (a tracking host, a shop a mail links to): answers every path with the same
/// body and remembers what the browser asked for, so a test can prove a request was or was not made.
/// </summary>
public sealed class LoopbackSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _paths = new();
    private readonly string _contentType;
    private readonly byte[] _body;

    public LoopbackSite(string contentType, byte[] body)
    {
        (_contentType, _body) = (contentType, body);
        // A port the OS just handed out is free; HttpListener cannot bind port 0 itself.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = ServeAsync();
    }

    public string Url { get; }

    /// <summary>Every path asked for, in order.</summary>
    public IReadOnlyCollection<string> Paths => _paths.ToArray();

    public int Hits => _paths.Count;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _paths.Enqueue(context.Request.Url!.AbsolutePath);
            context.Response.ContentType = _contentType;
            await context.Response.OutputStream.WriteAsync(_body);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
