using System.Collections.Concurrent;
using System.Text.Json;
using Mailroom.Core.Accounts;
using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Realtime;

/// <summary>
/// Pushes every committed event to those who may see it: the one user it names, else the members and
/// administrators of its account, else (presence) everyone. Audiences are cached per account and dropped on
/// <see cref="AccountChanged"/> or after a minute, since membership edits do not announce themselves yet.
/// </summary>
internal sealed class RealtimeRelay(EventStream stream, IHubContext<AgentHub> hub, IServiceScopeFactory scopes, TimeProvider time)
    : EventConsumerService(stream)
{
    private static readonly TimeSpan AudienceLifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<int, (DateTimeOffset Until, IReadOnlyList<string> Groups)> _audiences = new();

    public static LiveEvent ToLive(StoredEvent e) =>
        new(e.Sequence, e.Type, e.AccountId, e.InteractionId, e.UserId, e.At, JsonDocument.Parse(e.Payload).RootElement.Clone());

    // Its own subscription, so pushing to many clients never holds up the event stream or routing; a failed push
    // is logged by the subscription, and clients catch up on reconnect.
    protected override async Task HandleAsync(StoredEvent e, CancellationToken ct)
    {
        if (e.Type == nameof(AccountChanged))
        {
            _audiences.Clear();
        }

        var live = ToLive(e);
        if (e.UserId is { } userId)
        {
            await hub.Clients.Group(AgentHub.UserGroup(userId)).SendAsync(AgentHub.EventMethod, live, ct);
        }
        else if (e.AccountId is { } accountId)
        {
            await hub.Clients.Groups(await AudienceAsync(accountId, ct)).SendAsync(AgentHub.EventMethod, live, ct);
        }
        else
        {
            await hub.Clients.All.SendAsync(AgentHub.EventMethod, live, ct);
        }
    }

    private async Task<IReadOnlyList<string>> AudienceAsync(int accountId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_audiences.TryGetValue(accountId, out var cached) && cached.Until > now)
        {
            return cached.Groups;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var ids = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && (u.Role == Role.Admin || db.AccountMembers.Any(m => m.AccountId == accountId && m.UserId == u.Id)))
            .Select(u => u.Id).ToListAsync(ct);
        var groups = ids.Select(AgentHub.UserGroup).ToList();
        _audiences[accountId] = (now + AudienceLifetime, groups);
        return groups;
    }
}
