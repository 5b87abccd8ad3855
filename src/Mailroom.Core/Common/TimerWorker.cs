using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Common;

/// <summary>
/// A worker that moves rows with a due time on: one pass in its own DI scope every tick, with the injected
/// clock, backing off after failures (<see cref="WorkerBackoff"/>). The rows are the state, so a restart or a
/// second node loses nothing; each pass claims what it does with a conditional update. A pass that moved a full
/// batch (<paramref name="fullPass"/>) is followed by the next at once: more is due, and waiting a tick would make
/// it late.
/// </summary>
public abstract class TimerWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger logger, string name, TimeSpan tick,
    int fullPass = int.MaxValue) : BackgroundService
{
    private readonly WorkerBackoff _backoff = new(tick, TimeSpan.FromSeconds(10) > tick ? TimeSpan.FromSeconds(10) : tick);

    /// <summary>One pass over what is due; how many it moved on.</summary>
    protected abstract Task<int> PassAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int moved;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    moved = await PassAsync(scope.ServiceProvider, stoppingToken);
                }

                _backoff.Succeeded(logger, name);
                if (moved >= fullPass)
                {
                    continue;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _backoff.Failed(logger, name, ex);
            }

            await Task.Delay(_backoff.Delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
