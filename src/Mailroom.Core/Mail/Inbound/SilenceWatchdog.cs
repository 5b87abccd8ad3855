using MailKit;

namespace Mailroom.Core.Mail.Inbound;

/// <summary>
/// Ends an IMAP session whose server has sent nothing for <see cref="Limit"/>. A NAT, firewall or load balancer
/// that drops an idle mapping leaves the socket open but mute, and MailKit waits for IDLE's next line without a
/// timeout, so without this the watcher would wait forever. A healthy server is never that quiet: Dovecot says
/// "* OK Still here" every minute during IDLE, and the watcher itself renews IDLE more often than the limit.
/// <para>
/// It listens as the client's protocol logger, the one place every byte from the server passes through, whether
/// the session runs over a socket or (in tests) a replayed stream. The check runs on the injected clock.
/// </para>
/// <para>
/// Silence counts only while the watcher is listening: while it works on its own side (parsing, waiting for a
/// database commit that a busy SQLite writer delays for minutes under load) the server has nothing to answer,
/// and the watcher brackets that work with <see cref="WhileWorkingLocally"/>.
/// </para>
/// </summary>
internal sealed class SilenceWatchdog : IProtocolLogger
{
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _silent;
    private readonly ITimer _check;
    private long _lastHeardTicks;
    private int _localWork;
    private int _disposed;

    public SilenceWatchdog(TimeProvider time, TimeSpan limit, CancellationToken ct)
    {
        (_time, Limit) = (time, limit);
        _silent = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _lastHeardTicks = time.GetUtcNow().UtcTicks;
        // Checked a few times per limit: silence is noticed at most a quarter of the limit late.
        var every = limit / 4;
        _check = time.CreateTimer(_ => Check(), null, every, every);
    }

    public TimeSpan Limit { get; }

    /// <summary>Cancelled when the server has been silent too long, or when <c>ct</c> is.</summary>
    public CancellationToken Token => _silent.Token;

    /// <summary>True once this watchdog (not the caller's token) ended the session.</summary>
    public bool Fired { get; private set; }

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    public void LogConnect(Uri uri) => Heard();

    public void LogClient(byte[] buffer, int offset, int count)
    {
        // Only the server's words count: a client writing into a dead link is exactly the case to catch.
    }

    public void LogServer(byte[] buffer, int offset, int count) => Heard();

    /// <summary>
    /// Silence is not counted until the returned scope ends, and then counts from that moment: the server owes
    /// nothing while the client sends it nothing. Scopes may overlap (a commit awaited while another batch parses).
    /// </summary>
    public IDisposable WhileWorkingLocally()
    {
        Interlocked.Increment(ref _localWork);
        return new LocalWork(this);
    }

    private void Heard() => Interlocked.Exchange(ref _lastHeardTicks, _time.GetUtcNow().UtcTicks);

    private void Check()
    {
        var silentFor = _time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastHeardTicks);
        if (silentFor < Limit.Ticks || Volatile.Read(ref _localWork) > 0 || Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        Fired = true;
        try
        {
            _silent.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session ended meanwhile.
        }
    }

    /// <summary>Called by the session and again by the client that owns it as its logger; only the first counts.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _check.Dispose();
        _silent.Dispose();
    }

    private sealed class LocalWork(SilenceWatchdog watchdog) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                // Heard first: a check between the two lines must not see the whole local work as silence.
                watchdog.Heard();
                Interlocked.Decrement(ref watchdog._localWork);
            }
        }
    }
}
