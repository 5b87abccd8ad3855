using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Search;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Supervision;

public sealed record AgentWorkView(int UserId, string DisplayName, Presence Presence, string? PauseReason, IReadOnlyList<InteractionRow> Open);

/// <summary>
/// A supervisor spying on one agent ("Spy"): its presence and the open interactions assigned to it, only in
/// the accounts the supervisor sees. Reading changes nothing for the agent.
/// </summary>
public sealed class AgentWork(MailroomDb db)
{
    public async Task<AgentWorkView> GetAsync(Actor actor, int userId, CancellationToken ct)
    {
        actor.RequireSupervisor();
        var visible = db.VisibleAccountIds(actor);
        // 404 for an agent who shares no account with the supervisor, so nobody learns who works elsewhere.
        var agent = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && db.AccountMembers.Any(m => m.UserId == u.Id && visible.Contains(m.AccountId)))
            .Select(u => new { u.DisplayName, u.Presence, u.PauseReason })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException($"Agent {userId}");
        // Not paged: an agent's open work is bounded by its capacity.
        var open = db.Interactions.AsNoTracking()
            .Where(i => i.AssignedUserId == userId && i.Status == InteractionStatus.Open && visible.Contains(i.AccountId));
        var rows = await InteractionRows.Project(db, open).ToListAsync(ct);
        return new AgentWorkView(userId, agent.DisplayName, agent.Presence, agent.PauseReason,
            rows.OrderByDescending(r => r.LastActivityAt).ThenByDescending(r => r.Id).ToList());
    }
}
