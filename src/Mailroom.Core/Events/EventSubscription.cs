using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Events;

/// <summary>
/// One consumer of the <see cref="EventStream"/>: its own bounded queue, its own pump and its own position, so
/// a slow or dead consumer (a Blazor circuit whose browser is gone) only ever delays itself. When its queue is
/// full, or while it is suspended, it stops taking events and later reads what it missed from the database
/// from its own position, in order, so it falls behind but loses nothing.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private const int CatchUpBatch = 500;

    private readonly string _name;
    private readonly Func<StoredEvent, CancellationToken, Task> _handler;
    private readonly EventRangeReader _missed;
    private readonly Action<EventSubscription> _unsubscribe;
    private readonly ILogger _logger;

    // A null item only wakes the pump: it has to read what it missed (after falling behind or resuming).
    private readonly Channel<StoredEvent?> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private long _position;
    private long _offered;
    private bool _behind;
    private bool _suspended;
    private int _disposed;

    internal EventSubscription(string name, int capacity, long position, Func<StoredEvent, CancellationToken, Task> handler,
        EventRangeReader missed, Action<EventSubscription> unsubscribe, ILogger logger)
    {
        _name = name;
        _handler = handler;
        _missed = missed;
        _unsubscribe = unsubscribe;
        _logger = logger;
        _position = position;
        _offered = position;
        _queue = Channel.CreateBounded<StoredEvent?>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = false });
        _ = Task.Run(PumpAsync);
    }

    public string Name => _name;

    /// <summary>The last sequence number this consumer has handled (or skipped as a gap).</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>
    /// Hands one event over without waiting: the stream's loop calls this for every consumer in turn, so it
    /// must never block.
    /// </summary>
    internal void Offer(StoredEvent stored)
    {
        lock (_gate)
        {
            if (_position < 0)
            {
                // Subscribed before the stream knew its start: this consumer begins with the first event it sees.
                _position = stored.Sequence - 1;
            }

            _offered = stored.Sequence;
            if (_behind || _suspended)
            {
                return;
            }

            if (!_queue.Writer.TryWrite(stored))
            {
                _behind = true;
                _logger.LogWarning("Event consumer {Consumer} fell behind at #{Sequence}; it catches up from the database", _name, stored.Sequence);
            }
        }
    }

    /// <summary>Stops taking events (its browser went away); <see cref="Resume"/> catches up on what it missed.</summary>
    public void Suspend()
    {
        lock (_gate)
        {
            _suspended = true;
            _behind = true;
        }
    }

    public void Resume()
    {
        lock (_gate)
        {
            _suspended = false;
        }

        _queue.Writer.TryWrite(null);
    }

    private async Task PumpAsync()
    {
        var ct = _stop.Token;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(ct))
            {
                while (_queue.Reader.TryRead(out var stored))
                {
                    if (stored is not null && stored.Sequence > Position)
                    {
                        await HandleAsync(stored, ct);
                    }
                }

                await CatchUpAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Unsubscribed: the pump simply ends.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Event consumer {Consumer} stopped", _name);
        }
    }

    private async Task CatchUpAsync(CancellationToken ct)
    {
        while (true)
        {
            long from, upTo;
            lock (_gate)
            {
                if (!_behind || _suspended)
                {
                    return;
                }

                from = _position;
                upTo = _offered;
                if (from >= upTo)
                {
                    // Caught up under the lock, so the next Offer queues again and nothing falls between.
                    _behind = false;
                    return;
                }
            }

            var missed = await _missed(from, upTo, CatchUpBatch, ct);
            foreach (var stored in missed)
            {
                await HandleAsync(stored, ct);
            }

            if (missed.Count < CatchUpBatch)
            {
                // The rest of the range are gaps the stream itself skipped.
                Interlocked.Exchange(ref _position, upTo);
            }
        }
    }

    private async Task HandleAsync(StoredEvent stored, CancellationToken ct)
    {
        try
        {
            await _handler(stored, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            _logger.LogError(ex, "Event consumer {Consumer} failed on {Type} #{Sequence}", _name, stored.Type, stored.Sequence);
        }

        Interlocked.Exchange(ref _position, stored.Sequence);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _unsubscribe(this);
        _queue.Writer.TryComplete();
        // Not waited for: a handler that hangs must not hang whoever unsubscribes (a closing circuit).
        _stop.Cancel();
        _stop.Dispose();
    }
}

/// <summary>Reads committed events with <c>from &lt; Sequence &lt;= upTo</c>, in order, at most <c>limit</c>.</summary>
public delegate Task<IReadOnlyList<StoredEvent>> EventRangeReader(long from, long upTo, int limit, CancellationToken ct);
