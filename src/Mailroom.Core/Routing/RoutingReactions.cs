using Mailroom.Core.AgentPresence;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Parking;
using Mailroom.Core.Skills;
using Mailroom.Core.Storage;
using Mailroom.Core.Transfers;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.Routing;

/// <summary>
/// What routing does about each committed event: route new interactions, send new messages to their owner,
/// re-run waiting interactions when an agent becomes eligible, withdraw the offers of an agent who leaves.
/// </summary>
public sealed class RoutingReactions(MailroomDb db, Router router, TimeProvider time, ILogger<RoutingReactions> logger)
{
    // Changes that leave every agent's load as it was: re-running up to 500 waiting interactions for each read
    // or tag was routing's largest needless cost. ("created" is an agent's own new outgoing one: more load, not less.)
    // A sub-status can: Pending frees the slot where the administrator says so.
    private static readonly HashSet<string> CannotFreeCapacity = ["read", "unread", "tags", "created", "priority", "skills"];

    public async Task HandleAsync(StoredEvent e, CancellationToken ct)
    {
        switch (e.Type)
        {
            case nameof(InteractionCreated):
                await GuardedAsync(() => router.RouteNewAsync(EventLog.Read<InteractionCreated>(e).InteractionId, ct));
                break;
            case nameof(MessageStored) when EventLog.Read<MessageStored>(e) is { Direction: MessageDirection.Incoming } m:
                await GuardedAsync(() => router.RouteToOwnerAsync(m.InteractionId, ct));
                break;
            case nameof(PresenceChanged):
                await OnPresenceAsync(EventLog.Read<PresenceChanged>(e), ct);
                break;
            case nameof(InteractionTransferred) when EventLog.Read<InteractionTransferred>(e) is { Kind: not "account" } t:
                // Offered transfers and group transfers without a chosen member are routed now.
                await GuardedAsync(() => router.ContinueAsync(t.InteractionId, ct));
                break;
            case nameof(InteractionParked) or nameof(AgentSkillsChanged):
                await WakeWaitingAsync(ct);
                break;
            case nameof(CatalogChanged) when EventLog.Read<CatalogChanged>(e).Catalog == SkillCatalog.Catalog:
                // A deleted skill is needed by nobody any more.
                await WakeWaitingAsync(ct);
                break;
            case nameof(InteractionUnparked) when EventLog.Read<InteractionUnparked>(e) is { Reason: UnparkReason.Due } u:
                await GuardedAsync(() => router.RouteToOwnerAsync(u.InteractionId, ct));
                break;
            case nameof(InteractionChanged) when !CannotFreeCapacity.Contains(EventLog.Read<InteractionChanged>(e).What):
                // A closed or moved interaction frees capacity.
                await WakeWaitingAsync(ct);
                break;
        }
    }

    /// <summary>
    /// Offers every waiting interaction again: someone may have become eligible. A freed agent gets the highest
    /// interaction priority first, then the earliest service-level breach, then the heavier queue (weight 0–10),
    /// then the oldest: a due clock outranks a queue's standing weight, as the service level is what is promised.
    /// </summary>
    public async Task WakeWaitingAsync(CancellationToken ct)
    {
        var waiting = await db.RoutingTasks.AsNoTracking().Where(t => t.State == RoutingState.Waiting)
            .Select(t => new
            {
                t.InteractionId,
                t.CreatedAt,
                Priority = db.Interactions.Where(i => i.Id == t.InteractionId).Select(i => i.Priority).FirstOrDefault(),
                SlaDue = db.SlaClocks.Where(c => c.InteractionId == t.InteractionId && c.DueAt != null).Min(c => c.DueAt),
                Weight = t.QueueId != null
                    ? db.Queues.Where(q => q.Id == t.QueueId).Select(q => q.Weight).FirstOrDefault()
                    : db.Queues.Where(q => q.Accounts.Any(a => db.Interactions.Any(i => i.Id == t.InteractionId && i.AccountId == a.AccountId)))
                        .Max(q => (int?)q.Weight) ?? 0,
            })
            .OrderByDescending(t => t.Priority)
            .ThenBy(t => t.SlaDue == null).ThenBy(t => t.SlaDue).ThenByDescending(t => t.Weight).ThenBy(t => t.CreatedAt).Select(t => t.InteractionId).Take(500).ToListAsync(ct);
        foreach (var id in waiting)
        {
            await GuardedAsync(() => router.ContinueAsync(id, ct));
        }
    }

    private async Task OnPresenceAsync(PresenceChanged change, CancellationToken ct)
    {
        if (change.Presence == Presence.Online)
        {
            await WakeWaitingAsync(ct);
            return;
        }

        // An agent who pauses or leaves cannot answer: their offers go on to the next agent at once.
        var interactions = await db.Offers.Where(o => o.UserId == change.UserId && o.State == OfferState.Open).Select(o => o.InteractionId).ToListAsync(ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.EndOpenOffersAsync(db.Offers.Where(o => o.UserId == change.UserId), OfferState.Withdrawn, "presence", time.GetUtcNow().UtcDateTime, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        foreach (var id in interactions)
        {
            await GuardedAsync(() => router.ContinueAsync(id, ct));
        }
    }

    // Another instance (or an accept) changed the task meanwhile: its pass wins, this one is dropped.
    private async Task GuardedAsync(Func<Task> pass)
    {
        try
        {
            await pass();
        }
        catch (DbUpdateException ex)
        {
            db.ChangeTracker.Clear();
            logger.LogDebug(ex, "Routing pass lost a race; the other one stands");
        }
    }

}
