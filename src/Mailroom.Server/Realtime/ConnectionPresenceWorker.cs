using Mailroom.Core;
using Mailroom.Core.AgentPresence;
using Microsoft.Extensions.Options;

namespace Mailroom.Server.Realtime;

/// <summary>
/// Presence follows the connection: an agent whose last connection has been gone for the grace
/// (<see cref="PresenceOptions.ConnectionGraceSeconds"/>) goes offline, so their offers move on.
/// </summary>
internal sealed class ConnectionPresenceWorker(AgentConnections connections, IServiceScopeFactory scopes, IOptions<PresenceOptions> options,
    TimeProvider time, ILogger<ConnectionPresenceWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var grace = TimeSpan.FromSeconds(options.Value.ConnectionGraceSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var userId in connections.TakeGone(grace))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    if (await scope.ServiceProvider.GetRequiredService<ConnectionLost>().RunAsync(userId, stoppingToken))
                    {
                        logger.LogInformation("User {User} has had no connection for {Grace} s: offline, {Reason}", userId, grace.TotalSeconds, ConnectionLost.Reason);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Taking user {User} offline after the connection was lost failed", userId);
                }
            }

            await Task.Delay(Tick, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
