using System.Runtime.InteropServices;
using System.Text;

namespace Mailroom.Core.Tests.Mail.Replay;

/// <summary>
/// The server end of a recorded IMAP or SMTP session (<see cref="ImapScript"/>, <see cref="SmtpScript"/>), handed
/// to MailKit's <c>ConnectAsync(Stream, …)</c>. Each line the client writes must be the script's next
/// <see cref="ClientSays"/> (an IMAP command compared without the tag, which MailKit numbers itself); the server's
/// turns are read back in order. A mismatch fails <see cref="Finished"/> with both lines, so a test reports what
/// was sent instead of timing out.
/// </summary>
internal sealed class ReplayStream(List<ScriptStep> steps, int maxReadBytes = int.MaxValue) : Stream
{
    private readonly List<ScriptStep> _steps = steps;
    private readonly List<string> _message = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _clientSpoke = new(0);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<byte> _line = [];
    private ReadOnlyMemory<byte> _unread;
    private int _next;
    private string _tag = "";
    private bool _hungUp;

    /// <summary>Every line the client sent, tags removed, in order (the lines of a message sent after DATA aside).</summary>
    public List<string> Sent { get; } = [];

    /// <summary>Each message the client sent after DATA, as its lines joined with CRLF (dot-stuffing kept).</summary>
    public List<string> Messages { get; } = [];

    /// <summary>Completes once the last turn was taken (the client said or read it); fails on the first unexpected line.</summary>
    public Task Finished => _finished.Task;

    /// <summary>The server speaks up after the script ended, as an idling server does when it has something to say.</summary>
    public void ServerSaysLater(string line)
    {
        lock (_gate)
        {
            _steps.Add(new ServerSays(Encoding.UTF8.GetBytes(line + "\r\n"), Tagged: false));
        }

        _clientSpoke.Release();
    }

    /// <summary>True when the client has read every server turn queued so far.</summary>
    public bool AllRead
    {
        get
        {
            lock (_gate)
            {
                return _next == _steps.Count && _unread.IsEmpty;
            }
        }
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_unread.IsEmpty)
                {
                    _unread = NextServerTurn();
                }

                if (!_unread.IsEmpty)
                {
                    // A real server's bytes arrive in pieces; a small maxReadBytes splits literals at odd places.
                    var count = Math.Min(Math.Min(buffer.Length, maxReadBytes), _unread.Length);
                    _unread[..count].CopyTo(buffer);
                    _unread = _unread[count..];
                    FinishIfDone();
                    return count;
                }

                FinishIfDone();
                if (_hungUp)
                {
                    return 0;
                }
            }

            await _clientSpoke.WaitAsync(cancellationToken);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The replay is read asynchronously.");

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            lock (_gate)
            {
                if (_hungUp)
                {
                    throw new IOException("The server hung up.");
                }

                foreach (var b in buffer)
                {
                    _line.Add(b);
                    if (_line.Count >= 2 && _line[^2] == '\r' && _line[^1] == '\n')
                    {
                        var line = Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(_line)[..^2]);
                        _line.Clear();
                        Accept(line);
                    }
                }
            }
        }
        finally
        {
            _clientSpoke.Release();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            // A client that closes when the server was about to hang up took that turn too.
            if (_next < _steps.Count && _steps[_next] is ServerHangsUp && _unread.IsEmpty)
            {
                _next++;
                FinishIfDone();
            }

            _hungUp = true;
        }

        _clientSpoke.Release();
        base.Dispose(disposing);
    }

    /// <summary>The bytes of the next server turn, or nothing when it is the client's turn or the script ended.</summary>
    private ReadOnlyMemory<byte> NextServerTurn()
    {
        if (_next < _steps.Count && _steps[_next] is ServerHangsUp)
        {
            (_hungUp, _next) = (true, _next + 1);
        }

        if (_hungUp || _next == _steps.Count || _steps[_next] is not ServerSays server)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        _next++;
        return server.Tagged ? Encoding.ASCII.GetBytes(_tag + " ").Concat(server.Bytes).ToArray() : server.Bytes;
    }

    private void Accept(string line)
    {
        if (_next < _steps.Count && _steps[_next] is ClientSendsMessage)
        {
            TakeMessageLine(line);
            return;
        }

        var expected = _next < _steps.Count ? _steps[_next] as ClientSays : null;
        var tag = expected is { Tagged: true } && line.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space ? line[..space] : "";
        var command = tag.Length > 0 ? line[(tag.Length + 1)..] : line;
        Sent.Add(command);
        if (expected is null || !expected.Matches(command))
        {
            var wanted = expected is null ? (_next == _steps.Count ? "the end of the script" : "the server's turn") : $"C: {expected.Line}";
            var message = $"Step {_next} of the script: expected {wanted}\n  but the client sent: {line}";
            _finished.TrySetException(new InvalidOperationException(message));
            throw new IOException(message);
        }

        (_tag, _next) = (expected.Tagged ? tag : _tag, _next + 1);
        FinishIfDone();
    }

    private void TakeMessageLine(string line)
    {
        if (line != ".")
        {
            _message.Add(line);
            return;
        }

        Messages.Add(string.Join("\r\n", _message));
        _message.Clear();
        _next++;
        FinishIfDone();
    }

    private void FinishIfDone()
    {
        if (_next == _steps.Count && _unread.IsEmpty)
        {
            _finished.TrySetResult();
        }
    }
}
