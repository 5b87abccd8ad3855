using Mailroom.Core.AgentPresence;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Routing;

/// <summary>
/// One pass over the timers that are due: offers that rang out, and routing steps whose wait ended. Conditional
/// updates and the task's Version make a pass safe to run on several instances at once.
/// </summary>
public sealed class RoutingTimers(MailroomDb db, Router router, NotResponding notResponding, TimeProvider time, ILogger<RoutingTimers> logger)
{
    public async Task<int> ProcessDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var done = 0;
        var offers = await db.Offers.AsNoTracking().Where(o => o.State == OfferState.Open && o.DueAt <= now)
            .OrderBy(o => o.DueAt).Select(o => new { o.Id, o.InteractionId, o.UserId }).Take(200).ToListAsync(ct);
        foreach (var offer in offers)
        {
            done += await GuardedAsync(async () =>
            {
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    if (await db.EndOpenOffersAsync(db.Offers.Where(o => o.Id == offer.Id), OfferState.Expired, "expired", now, ct) == 1)
                    {
                        // Saved with the expiry: routing then withdraws this agent's other offers (PresenceChanged).
                        await notResponding.PauseIfMissedAsync(offer.UserId, now, ct);
                    }

                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                }

                await router.ContinueAsync(offer.InteractionId, ct);
            });
        }

        var tasks = await db.RoutingTasks.Where(t => t.State != RoutingState.Done && t.DueAt <= now).OrderBy(t => t.DueAt).Take(200).ToListAsync(ct);
        foreach (var task in tasks)
        {
            done += await GuardedAsync(() => router.StepDueAsync(task, ct));
        }

        return done;
    }

    private async Task<int> GuardedAsync(Func<Task> pass)
    {
        try
        {
            await pass();
            return 1;
        }
        catch (DbUpdateException ex)
        {
            db.ChangeTracker.Clear();
            logger.LogDebug(ex, "A timer was handled by another pass");
            return 0;
        }
    }
}
