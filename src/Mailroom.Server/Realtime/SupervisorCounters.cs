using System.Collections.Concurrent;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Supervision;
using Microsoft.AspNetCore.SignalR;

namespace Mailroom.Server.Realtime;

/// <summary>
/// Pushes each watched account's live counters (open, unassigned, waiting, per-agent load and presence) to the
/// supervisors watching it (<see cref="AgentHub.WatchAccount"/>). Events only mark an account as changed; the
/// counters are computed at most twice a second per account, so a burst of mail costs one query set, not one
/// per event.
/// </summary>
public sealed class SupervisorCounters(EventStream stream, IHubContext<AgentHub> hub, IServiceScopeFactory scopes, TimeProvider time,
    ILogger<SupervisorCounters> logger) : BackgroundService
{
    public const string CountersMethod = "counters";
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentDictionary<int, bool> _watched = new();

    public static string BoardGroup(int accountId) => "board:" + accountId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Called when a supervisor starts watching; the account's changes are pushed from now on.</summary>
    public void Watch(int accountId) => _watched.TryAdd(accountId, false);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = stream.Subscribe((e, _) =>
        {
            foreach (var id in _watched.Keys.Where(id => e.AccountId is null || e.AccountId == id))
            {
                // Presence and other account-less events may change every board.
                _watched[id] = true;
            }

            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Period, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            foreach (var id in _watched.Where(w => w.Value).Select(w => w.Key).ToList())
            {
                _watched[id] = false;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var counters = await scope.ServiceProvider.GetRequiredService<LiveBoard>().GetAsync(Actor.System, id, stoppingToken);
                    await hub.Clients.Group(BoardGroup(id)).SendAsync(CountersMethod, counters, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Counters of account {AccountId} could not be pushed", id);
                }
            }
        }
    }
}
