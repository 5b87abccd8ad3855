using MailKit.Net.Imap;
using MailKit.Security;
using Mailroom.Core.Mail;
using Mailroom.Core.Tests.Mail.Imap;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

/// <summary>Connects each new IMAP session to the next scripted transcript, in order; one connection too many fails the test.</summary>
internal sealed class ReplayConnector : IImapConnector
{
    private readonly Queue<ImapReplayStream> _sessions = new();
    private readonly TaskCompletionSource _unscripted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every session connected so far, in order.</summary>
    public List<ImapReplayStream> Connected { get; } = [];

    /// <summary>Faults when the watcher opens a connection no script was queued for; never completes otherwise.</summary>
    public Task Unscripted => _unscripted.Task;

    public ImapReplayStream Queue(ImapScript script, int maxReadBytes = int.MaxValue)
    {
        var session = new ImapReplayStream(script, maxReadBytes);
        lock (_sessions)
        {
            _sessions.Enqueue(session);
        }

        return session;
    }

    public Task ConnectAsync(ImapClient client, string host, int port, SecureSocketOptions security, CancellationToken ct)
    {
        ImapReplayStream? session;
        lock (_sessions)
        {
            if (_sessions.TryDequeue(out session))
            {
                Connected.Add(session);
            }
        }

        if (session is null)
        {
            var error = new InvalidOperationException($"Connection {Connected.Count + 1} was not scripted.");
            _unscripted.TrySetException(error);
            return Task.FromException(error);
        }

        return client.ConnectAsync(session, host, port, security, ct);
    }
}
