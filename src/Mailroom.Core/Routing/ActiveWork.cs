using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

/// <summary>
/// What holds a slot of an agent's capacity: open interactions they own, except parked ones and, when the
/// administrator says so (<see cref="Settings.DesktopSettings.PendingFreesCapacity"/>), those waiting on the
/// customer (Pending, or a sub-status that pauses the service level). Routing and the live board count the same.
/// </summary>
public static class ActiveWork
{
    public static async Task<IQueryable<Interaction>> HoldingCapacityAsync(this MailroomDb db, CancellationToken ct)
    {
        var active = db.Interactions.Where(i => i.Status == InteractionStatus.Open && i.AssignedUserId != null && i.ParkedAt == null);
        if (!await db.DesktopSettings.AnyAsync(s => s.PendingFreesCapacity, ct))
        {
            return active;
        }

        return active.Where(i => i.SubStatusId == null || !db.SubStatuses.Any(s => s.Id == i.SubStatusId && (s.IsBuiltIn || s.PausesSla)));
    }
}
