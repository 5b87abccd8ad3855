using MailKit;
using MailKit.Security;
using Mailroom.Core.Mail;

namespace Mailroom.Core.Tests.Mail.Replay;

/// <summary>
/// Connects each new IMAP or SMTP session to the next scripted transcript, in order; one connection too many
/// fails the test. A test scripts one protocol per connector.
/// </summary>
internal sealed class ReplayConnector : IMailConnector
{
    private readonly Queue<ReplayStream> _sessions = new();
    private readonly TaskCompletionSource _unscripted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every session connected so far, in order.</summary>
    public List<ReplayStream> Connected { get; } = [];

    /// <summary>Faults when the watcher opens a connection no script was queued for; never completes otherwise.</summary>
    public Task Unscripted => _unscripted.Task;

    public ReplayStream Queue(ImapScript script, int maxReadBytes = int.MaxValue) => Queue(script.Steps, maxReadBytes);

    public ReplayStream Queue(SmtpScript script) => Queue(script.Steps, int.MaxValue);

    private ReplayStream Queue(List<ScriptStep> steps, int maxReadBytes)
    {
        var session = new ReplayStream(steps, maxReadBytes);
        lock (_sessions)
        {
            _sessions.Enqueue(session);
        }

        return session;
    }

    public Task ConnectAsync(IMailService client, string host, int port, SecureSocketOptions security, CancellationToken ct)
    {
        ReplayStream? session;
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
