using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Routing;

/// <summary>
/// Feeds every committed event to <see cref="RoutingReactions"/>, one DI scope per event, from its own
/// subscription: a slow routing pass never holds up the event stream (and with it the live pushes to agents).
/// </summary>
public sealed class RoutingSubscriber(EventStream stream, IServiceScopeFactory scopes, RoutingGate gate) : EventConsumerService(stream)
{
    protected override async Task HandleAsync(StoredEvent e, CancellationToken ct)
    {
        using var entered = await gate.EnterAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RoutingReactions>().HandleAsync(e, ct);
    }
}

/// <summary>The one worker that drives routing timers (rows with a due time) with the injected clock.</summary>
public sealed class RoutingTimerWorker(IServiceScopeFactory scopes, RoutingGate gate, TimeProvider time, ILogger<RoutingTimerWorker> logger) : BackgroundService
{
    private readonly WorkerBackoff _backoff = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));

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

                _backoff.Succeeded(logger, "Routing timers");
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _backoff.Failed(logger, "Routing timers", ex);
            }

            await Task.Delay(_backoff.Delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}

/// <summary>Carries out the side effects of plan steps (auto replies, webhooks) away from routing passes.</summary>
public sealed class PlanActionWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<PlanActionWorker> logger) : BackgroundService
{
    private readonly WorkerBackoff _backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<RunPlanActions>().ProcessDueAsync(stoppingToken);
                }

                _backoff.Succeeded(logger, "Plan actions");
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _backoff.Failed(logger, "Plan actions", ex);
            }

            await Task.Delay(_backoff.Delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
