using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

/// <summary>
/// A fake clock that also tells when a timer starts: a test waits until the watcher really sleeps (poll
/// interval, reconnect backoff) before moving time, instead of guessing with real delays. Only one-shot timers
/// are waits; a periodic one (the silence watchdog) runs along and is not reported.
/// </summary>
internal sealed class TimerClock() : FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero))
{
    private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (period == Timeout.InfiniteTimeSpan)
        {
            _started.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Waits for the next timer to start, then moves the clock to its due time.</summary>
    public async Task<TimeSpan> SkipNextWaitAsync()
    {
        var due = await NextWaitAsync();
        Advance(due);
        return due;
    }

    /// <summary>The due time of the next timer started (the one the watcher is now sleeping on).</summary>
    public async Task<TimeSpan> NextWaitAsync() => await _started.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}
