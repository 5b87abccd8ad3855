using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Microsoft.Extensions.DependencyInjection;
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
public sealed class RoutingTimerWorker(IServiceScopeFactory scopes, RoutingGate gate, TimeProvider time, ILogger<RoutingTimerWorker> logger)
    : TimerWorker(scopes, time, logger, "Routing timers", TimeSpan.FromMilliseconds(250))
{
    protected override async Task<int> PassAsync(IServiceProvider services, CancellationToken ct)
    {
        using (await gate.EnterAsync(ct))
        {
            return await services.GetRequiredService<RoutingTimers>().ProcessDueAsync(ct);
        }
    }
}

/// <summary>Carries out the side effects of plan steps (auto replies, webhooks) away from routing passes.</summary>
public sealed class PlanActionWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<PlanActionWorker> logger)
    : TimerWorker(scopes, time, logger, "Plan actions", TimeSpan.FromMilliseconds(500))
{
    protected override Task<int> PassAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<RunPlanActions>().ProcessDueAsync(ct);
}
