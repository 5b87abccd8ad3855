using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.AgentPresence;

/// <summary>
/// An agent whose last live connection is gone (laptop lid, Wi-Fi) goes offline with the reason "connection
/// lost", so routing withdraws their open offers and offers them to someone else at once
/// (<see cref="RoutingReactions"/> on <see cref="PresenceChanged"/>), and supervisors see it live.
/// </summary>
public sealed class ConnectionLost(MailroomDb db, TimeProvider time)
{
    public const string Reason = "connection lost";

    /// <summary>Returns false when the agent was offline already (nothing to announce).</summary>
    public async Task<bool> RunAsync(int userId, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.Presence != Presence.Offline, ct);
        if (user is null)
        {
            return false;
        }

        SetPresence.Apply(db, user, Presence.Offline, Reason, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
