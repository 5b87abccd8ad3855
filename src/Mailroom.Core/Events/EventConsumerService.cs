using Microsoft.Extensions.Hosting;

namespace Mailroom.Core.Events;

/// <summary>
/// A hosted consumer of the event stream with its own subscription. It subscribes in <see cref="StartAsync"/>,
/// before the host reports started: since .NET 10 all of <c>ExecuteAsync</c> runs on the thread pool, so a
/// subscription made there starts at whatever the stream's position is when that thread gets to it, and misses
/// the events committed in between (an interaction created right after start would never be routed).
/// </summary>
public abstract class EventConsumerService(EventStream stream) : BackgroundService
{
    private EventSubscription? _subscription;

    /// <summary>Handles one committed event; a failure is logged by the subscription, which goes on with the next.</summary>
    protected abstract Task HandleAsync(StoredEvent e, CancellationToken ct);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = stream.Subscribe(HandleAsync, name: GetType().Name);
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await base.StopAsync(cancellationToken);
    }
}
