using System.Net.Sockets;

namespace Mailroom.Core.Mail;

/// <summary>
/// A TCP connection with keepalive probes after 60 s of quiet, every 10 s, 3 times: a peer that vanished (its
/// host crashed, a cable was pulled) shows as a socket error after about 90 s instead of the kernel's two hours.
/// A middlebox that still answers the probes but forwards nothing is caught one level up, by the IMAP session's
/// silence limit and the SMTP client's timeout.
/// </summary>
internal static class KeepAliveSocket
{
    /// <summary>Connects and hands the socket to <paramref name="handOver"/> (a mail client, which then owns it).</summary>
    public static async Task ConnectAsync(string host, int port, Func<Socket, Task> handOver, CancellationToken ct)
    {
        // Dual mode: a host name resolving to IPv6 or IPv4 both work.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
            await socket.ConnectAsync(host, port, ct);
            await handOver(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
