using System.Net;
using System.Net.Sockets;

namespace Mailroom.TestSupport;

/// <summary>
/// A TCP proxy on loopback between Mailroom and a real server, for the faults a network causes: connections that
/// go silent without closing (a NAT or firewall forgetting them), or are cut after a number of the server's bytes
/// (mid-literal, mid-IDLE) or of the client's (mid-DATA). Faults apply to the connections open at the time, or to
/// the next ones when armed for them; other connections pass normally, as through a network that has recovered.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Link> _links = [];
    private readonly int _targetPort;
    private readonly Task _accepting;
    private int _nextCuts;
    private long _nextCutClientBytes;
    private long _everyCutServerBytes = long.MaxValue;

    private FaultProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections were accepted so far.</summary>
    public int Connections
    {
        get
        {
            lock (_links)
            {
                return _links.Count;
            }
        }
    }

    public static FaultProxy Start(int targetPort) => new(targetPort);

    /// <summary>The open connections stop carrying bytes in both directions but stay open.</summary>
    public void SilenceOpenConnections() => ForEachOpen(link => link.Silent = true);

    /// <summary>Each open connection is reset once the server has sent <paramref name="bytes"/> more bytes through it.</summary>
    public void CutOpenConnectionsAfterServerBytes(long bytes) => ForEachOpen(link => Interlocked.Exchange(ref link.ServerBytesLeft, bytes));

    /// <summary>
    /// Every connection, open now or opened later, is reset once the server has sent <paramref name="bytes"/> more
    /// bytes through it: for a client whose pool may have dropped its idle connection and open a new one.
    /// </summary>
    public void CutEveryConnectionAfterServerBytes(long bytes)
    {
        lock (_links)
        {
            _everyCutServerBytes = bytes;
            CutOpenConnectionsAfterServerBytes(bytes);
        }
    }

    /// <summary>
    /// The next <paramref name="connections"/> connections are reset once the client has sent <paramref name="bytes"/>
    /// through each: an SMTP client cut in the middle of its DATA, say.
    /// </summary>
    public void CutNextConnectionsAfterClientBytes(long bytes, int connections = 1)
    {
        lock (_links)
        {
            (_nextCuts, _nextCutClientBytes) = (connections, bytes);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        ForEachOpen(link => link.Reset());
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private void ForEachOpen(Action<Link> action)
    {
        lock (_links)
        {
            foreach (var link in _links.Where(l => !l.Closed))
            {
                action(link);
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (Exception)
            {
                // The real server is down: so is the connection through the proxy.
                client.Dispose();
                server.Dispose();
                continue;
            }

            var link = new Link(client, server);
            lock (_links)
            {
                link.ServerBytesLeft = _everyCutServerBytes;
                _links.Add(link);
                if (_nextCuts > 0)
                {
                    _nextCuts--;
                    link.ClientBytesLeft = _nextCutClientBytes;
                }
            }

            _ = link.RunAsync(_stop.Token);
        }
    }

    private sealed class Link(Socket client, Socket server)
    {
        public long ServerBytesLeft = long.MaxValue;

        public long ClientBytesLeft = long.MaxValue;

        public volatile bool Silent;

        public volatile bool Closed;

        public async Task RunAsync(CancellationToken ct)
        {
            await Task.WhenAny(PumpAsync(client, server, fromServer: false, ct), PumpAsync(server, client, fromServer: true, ct));
            Reset();
        }

        /// <summary>Closes both ends with a reset, as a middlebox that drops the connection does.</summary>
        public void Reset()
        {
            Closed = true;
            foreach (var socket in new[] { client, server })
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // Already gone.
                }

                socket.Dispose();
            }
        }

        private ref long BytesLeft(bool fromServer) => ref fromServer ? ref ServerBytesLeft : ref ClientBytesLeft;

        private async Task PumpAsync(Socket from, Socket to, bool fromServer, CancellationToken ct)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (!Closed)
                {
                    var read = await from.ReceiveAsync(buffer, ct);
                    if (read == 0)
                    {
                        return;
                    }

                    // Held, never forwarded: to both ends the link just went quiet.
                    while (Silent && !Closed)
                    {
                        await Task.Delay(50, ct);
                    }

                    var forward = (int)Math.Min(read, Interlocked.Read(ref BytesLeft(fromServer)));
                    await to.SendAsync(buffer.AsMemory(0, forward), ct);
                    if (Interlocked.Add(ref BytesLeft(fromServer), -forward) <= 0)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Either end went away, or the proxy stops.
            }
        }
    }
}
