using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Mailroom.Core.Audit;

/// <summary>Refuses any save that would change or delete an audit entry: the log only grows.</summary>
internal static class AuditAppendOnly
{
    public static void Check(ChangeTracker tracker)
    {
        if (tracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are never changed or deleted.");
        }
    }
}
