using MailKit.Net.Imap;
using MailKit.Security;

namespace Mailroom.Core.Mail;

/// <summary>
/// How an <see cref="ImapClient"/> reaches its server. Production always dials a socket; the tests replay
/// recorded server transcripts over a stream instead (MailKit's <c>ConnectAsync(Stream, …)</c>), which is
/// the only reason this is a seam.
/// </summary>
public interface IImapConnector
{
    Task ConnectAsync(ImapClient client, string host, int port, SecureSocketOptions security, CancellationToken ct);
}

public sealed class SocketImapConnector : IImapConnector
{
    public Task ConnectAsync(ImapClient client, string host, int port, SecureSocketOptions security, CancellationToken ct) =>
        KeepAliveSocket.ConnectAsync(host, port, socket => client.ConnectAsync(socket, host, port, security, ct), ct);
}
