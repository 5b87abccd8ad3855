using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.ServiceLevels;

/// <summary>
/// Keeps clocks in line with their interactions: every committed change to an interaction (a message, a
/// sub-status, a close, a move) syncs its clocks as of the event's time, from its own subscription.
/// </summary>
public sealed class SlaSubscriber(EventStream stream, IServiceScopeFactory scopes) : EventConsumerService(stream)
{
    private static readonly HashSet<string> Relevant = [nameof(InteractionCreated), nameof(MessageStored), nameof(InteractionChanged)];

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
public sealed class SlaTimerWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<SlaTimerWorker> logger) : BackgroundService
{
    private readonly WorkerBackoff _backoff = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<SlaTimers>().ProcessDueAsync(stoppingToken);
                }

                _backoff.Succeeded(logger, "Service-level timers");
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _backoff.Failed(logger, "Service-level timers", ex);
            }

            await Task.Delay(_backoff.Delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
