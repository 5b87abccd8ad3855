using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.AgentPresence;

public sealed record PresenceInput(Presence Presence, string? Reason);

public sealed record PresenceView(int UserId, Presence Presence, string? PauseReason, DateTime ChangedAt);

/// <summary>
/// An agent goes online, pauses (with a reason) or goes offline; a supervisor may do it for someone else.
/// Routing reacts to the <see cref="PresenceChanged"/> event: waiting interactions, withdrawn offers.
/// </summary>
public sealed class SetPresence(MailroomDb db, TimeProvider time)
{
    public async Task<PresenceView> RunAsync(Actor actor, int userId, PresenceInput input, CancellationToken ct)
    {
        if (userId != actor.UserId)
        {
            actor.RequireSupervisor();
        }

        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        var listed = (await db.DesktopSettings.AsNoTracking().FirstOrDefaultAsync(ct))?.PauseReasons ?? [];
        new Validator()
            .When(!Enum.IsDefined(input.Presence), "presence", "must be online, paused or offline.")
            .When(input.Presence == Presence.Paused && reason is null, "reason", "is required when pausing.")
            .When(input.Presence == Presence.Paused && reason is not null && listed.Count > 0 && !listed.Contains(reason, StringComparer.OrdinalIgnoreCase),
                "reason", $"must be one of the pause reasons: {string.Join(", ", listed)}.")
            .Length("reason", reason, 1, 100)
            .ThrowIfInvalid();

        // A supervisor changes only the presence of agents who share one of its accounts; someone else's agents
        // do not exist for it (404, as for their interactions).
        var visible = db.VisibleAccountIds(actor);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.IsActive
            && (u.Id == actor.UserId || actor.IsAdmin || db.AccountMembers.Any(m => m.UserId == u.Id && visible.Contains(m.AccountId))), ct)
            ?? throw new NotFoundException($"User {userId}");
        var now = time.GetUtcNow().UtcDateTime;
        Apply(db, user, input.Presence, reason, now);
        await db.SaveChangesAsync(ct);
        return new PresenceView(user.Id, user.Presence, user.PauseReason, now);
    }

    /// <summary>
    /// Changes a tracked user's presence and announces it; the caller saves. Online clears the reason; offline
    /// keeps one when Mailroom itself says why ("connection lost").
    /// </summary>
    internal static void Apply(MailroomDb db, User user, Presence presence, string? reason, DateTime now)
    {
        user.Presence = presence;
        user.PauseReason = presence == Presence.Online ? null : reason;
        user.PresenceChangedAt = now;
        db.Append(new PresenceChanged(user.Id, user.Presence, user.PauseReason), now);
    }
}
