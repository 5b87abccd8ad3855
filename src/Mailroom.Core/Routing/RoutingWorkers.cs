using Mailroom.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Routing;

/// <summary>
/// Feeds every committed event to <see cref="RoutingReactions"/>, one DI scope per event, from its own
/// subscription: a slow routing pass never holds up the event stream (and with it the live pushes to agents).
/// </summary>
public sealed class RoutingSubscriber(EventStream stream, IServiceScopeFactory scopes, RoutingGate gate) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = stream.Subscribe(RouteAsync);
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    // A failure is logged by the subscription, which goes on with the next event.
    private async Task RouteAsync(StoredEvent e, CancellationToken ct)
    {
        using var entered = await gate.EnterAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RoutingReactions>().HandleAsync(e, ct);
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

/// <summary>Carries out the side effects of plan steps (auto replies, webhooks) away from routing passes.</summary>
public sealed class PlanActionWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<PlanActionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RunPlanActions>().ProcessDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Plan actions failed; retrying");
            }

            await Task.Delay(Tick, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
