using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Mailroom.Core.Supervision;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Realtime;

/// <summary>One event as a client receives it; Sequence lets it catch up after a reconnect.</summary>
public sealed record LiveEvent(long Sequence, string Type, int? AccountId, long? InteractionId, int? UserId, DateTime At, JsonElement Payload);

/// <summary>
/// The agents' and supervisors' live connection. The server pushes "event" messages (see <see cref="RealtimeRelay"/>);
/// a reconnecting client calls <see cref="CatchUp"/> with the last sequence it saw, so nothing is lost.
/// </summary>
[Authorize]
public sealed class AgentHub(MailroomDb db, LiveBoard board, SupervisorCounters counters, AgentConnections connections, LiveSessions sessions) : Hub
{
    public const string Path = "/hubs/agent";
    public const string EventMethod = "event";
    private const int CatchUpLimit = 1000;

    public static string UserGroup(int userId) => "user:" + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Registered with <see cref="LiveSessions"/>: a user who is deactivated, changes role or loses an account is disconnected.</summary>
    public override async Task OnConnectedAsync()
    {
        var actor = Context.User!.Actor();
        var stamp = Context.User!.FindFirstValue(Claims.Stamp);
        var current = await LiveSessions.CurrentAsync(db, actor.UserId, Context.ConnectionAborted);
        if (current is not { } now || now.Stamp != stamp)
        {
            Context.Abort();
            return;
        }

        var connection = Context;
        sessions.Add(Context.ConnectionId, actor.UserId, stamp, now.AccessVersion, () =>
        {
            connection.Abort();
            return Task.CompletedTask;
        });
        connections.Connected(actor.UserId, Context.ConnectionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(actor.UserId));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Disconnected(Context.User!.Actor().UserId, Context.ConnectionId);
        sessions.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// A supervisor (or administrator) of the account starts receiving its live counters ("counters" messages);
    /// the answer is the counters now. Agents and non-members are refused.
    /// </summary>
    public async Task<LiveCounters> WatchAccount(int accountId)
    {
        LiveCounters now;
        try
        {
            now = await board.GetAsync(Context.User!.Actor(), accountId, Context.ConnectionAborted);
        }
        catch (Exception ex) when (ex is ForbiddenException or NotFoundException)
        {
            throw new HubException(ex.Message);
        }

        counters.Watch(accountId);
        await Groups.AddToGroupAsync(Context.ConnectionId, SupervisorCounters.BoardGroup(accountId), Context.ConnectionAborted);
        return now;
    }

    /// <summary>The events after <paramref name="afterSequence"/> the caller may see, oldest first (at most 1000 per call).</summary>
    public async Task<IReadOnlyList<LiveEvent>> CatchUp(long afterSequence)
    {
        var actor = Context.User!.Actor();
        var visible = db.VisibleAccountIds(actor);
        var events = await db.Events.AsNoTracking()
            .Where(e => e.Sequence > afterSequence)
            .Where(e => e.UserId == actor.UserId || (e.UserId == null && (e.AccountId == null || visible.Contains(e.AccountId.Value))))
            .OrderBy(e => e.Sequence).Take(CatchUpLimit).ToListAsync(Context.ConnectionAborted);
        return events.Select(RealtimeRelay.ToLive).ToList();
    }
}
