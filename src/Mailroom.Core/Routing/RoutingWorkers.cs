using Mailroom.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Routing;

/// <summary>Feeds every committed event to <see cref="RoutingReactions"/>, one DI scope per event.</summary>
public sealed class RoutingSubscriber(EventStream stream, IServiceScopeFactory scopes, RoutingGate gate) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = stream.Subscribe(async (e, ct) =>
        {
            using var entered = await gate.EnterAsync(ct);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RoutingReactions>().HandleAsync(e, ct);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The one worker that drives routing timers (rows with a due time) with the injected clock.</summary>
public sealed class RoutingTimerWorker(IServiceScopeFactory scopes, RoutingGate gate, TimeProvider time, ILogger<RoutingTimerWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using (await gate.EnterAsync(stoppingToken))
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<RoutingTimers>().ProcessDueAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Routing timers failed; retrying");
            }

            await Task.Delay(Tick, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
