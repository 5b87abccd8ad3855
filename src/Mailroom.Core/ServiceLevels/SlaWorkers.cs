using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Parking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.ServiceLevels;

/// <summary>
/// Keeps clocks in line with their interactions: every committed change to an interaction (a message, a
/// sub-status, a close, a move) syncs its clocks as of the event's time, from its own subscription.
/// </summary>
public sealed class SlaSubscriber(EventStream stream, IServiceScopeFactory scopes) : EventConsumerService(stream)
{
    private static readonly HashSet<string> Relevant = [nameof(InteractionCreated), nameof(MessageStored), nameof(InteractionChanged),
        nameof(InteractionParked), nameof(InteractionUnparked), nameof(OutboundStatusChanged)];

    public static bool Concerns(StoredEvent e) => e.InteractionId is not null && Relevant.Contains(e.Type);

    protected override async Task HandleAsync(StoredEvent e, CancellationToken ct)
    {
        if (Concerns(e))
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SyncClocks>().RunAsync(e.InteractionId!.Value, e.At, ct);
        }
    }
}

/// <summary>Drives the clocks' at-risk and breach instants with the injected clock.</summary>
public sealed class SlaTimerWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<SlaTimerWorker> logger)
    : TimerWorker(scopes, time, logger, "Service-level timers", TimeSpan.FromMilliseconds(250), SlaTimers.Batch)
{
    protected override Task<int> PassAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<SlaTimers>().ProcessDueAsync(ct);
}
