using MailKit;
using MailKit.Security;

namespace Mailroom.Core.Mail;

/// <summary>
/// How an IMAP or SMTP client reaches its server. Production always dials a socket; the tests replay scripted
/// server transcripts over a stream instead (MailKit's <c>ConnectAsync(Stream, …)</c>), so the watcher's and the
/// sender's handling of every answer is checked in milliseconds. That is the only reason this is a seam.
/// </summary>
public interface IMailConnector
{
    Task ConnectAsync(IMailService client, string host, int port, SecureSocketOptions security, CancellationToken ct);
}

public sealed class SocketMailConnector : IMailConnector
{
    public Task ConnectAsync(IMailService client, string host, int port, SecureSocketOptions security, CancellationToken ct) =>
        KeepAliveSocket.ConnectAsync(host, port, socket => client.ConnectAsync(socket, host, port, security, ct), ct);
}
