using System.Runtime.CompilerServices;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Events;

/// <summary>
/// Delivers committed events, in sequence order, to in-process subscribers (routing, the SignalR hub, the
/// UI). It reads them back from the database, so what it delivers is exactly what was committed, and a second
/// instance reading the same table sees the same stream. Each subscriber has its own queue and pump, so this
/// loop never waits for one of them.
/// </summary>
public sealed class EventStream(IServiceScopeFactory scopes, TimeProvider time, ILogger<EventStream> logger) : BackgroundService
{
    // PostgreSQL may commit sequence 11 before 10; a gap is waited for this long before it is skipped.
    private static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(2);

    private const int DefaultCapacity = 1024;

    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _gate = new();
    private EventSubscription[] _subscribers = [];
    private long _cursor = -1;

    /// <summary>Called after a commit that added events (by <see cref="EventWakeInterceptor"/>).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>
    /// Adds a consumer with its own queue and pump (see <see cref="EventSubscription"/>); it is named after the
    /// calling file in the log unless named.
    /// </summary>
    public EventSubscription Subscribe(Func<StoredEvent, CancellationToken, Task> handler, int capacity = DefaultCapacity,
        [CallerFilePath] string name = "")
    {
        var subscription = new EventSubscription(Path.GetFileNameWithoutExtension(name), capacity, Cursor, handler, ReadRangeAsync,
            Unsubscribe, logger);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    private void Unsubscribe(EventSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != subscription)];
        }
    }

    private async Task<IReadOnlyList<StoredEvent>> ReadRangeAsync(long from, long upTo, int limit, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        return await db.Events.AsNoTracking().Where(e => e.Sequence > from && e.Sequence <= upTo)
            .OrderBy(e => e.Sequence).Take(limit).ToListAsync(ct);
    }

    /// <summary>The last sequence number delivered; clients that reconnect catch up from their own.</summary>
    public long Cursor => Interlocked.Read(ref _cursor);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
            _cursor = await db.Events.MaxAsync(e => (long?)e.Sequence, stoppingToken) ?? 0;
        }

        DateTime? gapSeenAt = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                gapSeenAt = await DeliverPendingAsync(gapSeenAt, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Delivering events failed; retrying");
            }

            // A missed wake-up (another instance wrote) costs at most this poll interval.
            await _wake.WaitAsync(gapSeenAt is null ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(200), stoppingToken)
                .ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<DateTime?> DeliverPendingAsync(DateTime? gapSeenAt, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        while (true)
        {
            var batch = await db.Events.AsNoTracking().Where(e => e.Sequence > _cursor)
                .OrderBy(e => e.Sequence).Take(500).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return null;
            }

            foreach (var stored in batch)
            {
                if (stored.Sequence != _cursor + 1)
                {
                    var now = time.GetUtcNow().UtcDateTime;
                    gapSeenAt ??= now;
                    if (now - gapSeenAt < GapPatience)
                    {
                        return gapSeenAt;
                    }
                }

                gapSeenAt = null;
                Publish(stored);
                Interlocked.Exchange(ref _cursor, stored.Sequence);
            }
        }
    }

    // Never awaits a consumer: each has its own queue, so one that hangs delays nobody else.
    private void Publish(StoredEvent stored)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Offer(stored);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
