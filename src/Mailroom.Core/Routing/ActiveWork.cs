using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Routing;

/// <summary>
/// What holds a slot of an agent's capacity: open interactions they own, except parked ones and, when the
/// administrator says so (<see cref="Settings.DesktopSettings.PendingFreesCapacity"/>), those waiting on the
/// customer (Pending, or a sub-status that pauses the service level). Routing and the live board count the same.
/// The setting is read inside the same query: routing counts loads on every pass, and a round trip per pass for one
/// flag was as much as the count itself.
/// </summary>
public static class ActiveWork
{
    public static IQueryable<Interaction> HoldingCapacity(this MailroomDb db) =>
        db.Interactions.Where(i => i.Status == InteractionStatus.Open && i.AssignedUserId != null && i.ParkedAt == null
            && (i.SubStatusId == null
                || !db.DesktopSettings.Any(s => s.PendingFreesCapacity)
                || !db.SubStatuses.Any(s => s.Id == i.SubStatusId && (s.IsBuiltIn || s.PausesSla))));
}
