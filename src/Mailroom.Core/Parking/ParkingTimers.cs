using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Parking;

/// <summary>
/// Brings parked interactions back when their time comes. Each is unparked under the interaction's version, so
/// two nodes (or a customer's message in the same instant) never bring one back twice; routing then offers it to
/// its owner on the <see cref="InteractionUnparked"/> event.
/// </summary>
public sealed class ParkingTimers(MailroomDb db, TimeProvider time)
{
    public const int Batch = 100;

    public async Task<int> ProcessDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Interactions.Where(i => i.ParkedAt != null && i.ParkedUntil <= now)
            .OrderBy(i => i.ParkedUntil).Select(i => i.Id).Take(Batch).ToListAsync(ct);
        var done = 0;
        foreach (var id in due)
        {
            var interaction = await db.Interactions.FirstAsync(i => i.Id == id, ct);
            db.EndParking(interaction, UnparkReason.Due, null, now);
            try
            {
                await db.SaveChangesAsync(ct);
                done++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed meanwhile (the customer wrote, another node was first): that change stands.
            }

            db.ChangeTracker.Clear();
        }

        return done;
    }
}

/// <summary>Drives <see cref="ParkingTimers"/> with the injected clock, once a second.</summary>
public sealed class ParkingTimerWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<ParkingTimerWorker> logger)
    : TimerWorker(scopes, time, logger, "Parking timers", TimeSpan.FromSeconds(1), ParkingTimers.Batch)
{
    protected override Task<int> PassAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<ParkingTimers>().ProcessDueAsync(ct);
}
