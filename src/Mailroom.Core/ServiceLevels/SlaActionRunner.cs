using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Routing;
using Mailroom.Core.Storage;
using Mailroom.Core.Tags;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.ServiceLevels;

/// <summary>A live alert for one supervisor (the event carries UserId, so only they receive it).</summary>
public sealed record ServiceLevelAlert(long InteractionId, int AccountId, SlaKind Kind, string Mark, string Subject);

/// <summary>
/// A policy's actions at "at risk" or breach, in the timer's unit of work, each with its history entry. The
/// overflow queue only takes an interaction nobody owns yet: an owner's work is not pulled away from them.
/// </summary>
public sealed class SlaActionRunner(MailroomDb db)
{
    public async Task RunAsync(Interaction interaction, SlaClock clock, string mark, SlaActions actions, DateTime now, CancellationToken ct)
    {
        var why = $"{SyncClocks.Label(clock.Kind)} {mark}";
        if (actions.NotifySupervisors)
        {
            var supervisors = await db.Users.AsNoTracking()
                .Where(u => u.IsActive && (u.Role == Role.Admin || (u.Role == Role.Supervisor && db.AccountMembers.Any(m => m.AccountId == interaction.AccountId && m.UserId == u.Id))))
                .Select(u => u.Id).ToListAsync(ct);
            foreach (var userId in supervisors)
            {
                db.Append(new ServiceLevelAlert(interaction.Id, interaction.AccountId, clock.Kind, mark, interaction.Subject), now, interaction.AccountId, interaction.Id, userId);
            }

            db.Record(interaction.Id, null, "sla-supervisors-notified", $"{why}: {supervisors.Count} supervisor(s)", now);
        }

        if (actions.RaisePriorityTo is { } priority && priority > interaction.Priority)
        {
            SetPriority.Apply(db, interaction, priority, Actor.System, why, now);
        }

        if (actions.TagId is { } tagId && await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tagId, ct) is { } tag)
        {
            await SetInteractionTags.AddAsync(db, interaction, tag, Actor.System, now, ct);
        }

        if (actions.OverflowQueueId is { } queueId)
        {
            await OverflowAsync(interaction, queueId, why, now, ct);
        }
    }

    // Its open offers end and it is offered in the overflow queue, as a plan's queue step without a timeout.
    private async Task OverflowAsync(Interaction interaction, int queueId, string why, DateTime now, CancellationToken ct)
    {
        var task = await db.RoutingTasks.FirstOrDefaultAsync(t => t.InteractionId == interaction.Id, ct);
        var queue = await db.Queues.AsNoTracking().Where(q => q.Id == queueId).Select(q => q.Name).FirstOrDefaultAsync(ct);
        if (interaction.AssignedUserId is not null || interaction.Status != InteractionStatus.Open || task is null || queue is null)
        {
            return;
        }

        await db.EndOpenOffersAsync(db.Offers.Where(o => o.InteractionId == interaction.Id), OfferState.Withdrawn, "sla overflow", now, ct);
        (task.Step, task.QueueId, task.DueAt, task.PlanPosition, task.State) = (RoutingStep.PlanQueue, queueId, null, null, RoutingState.Waiting);
        task.Round++;
        task.Version++;
        task.UpdatedAt = now;
        db.Record(interaction.Id, null, "sla-overflow", $"{queue} ({why})", now);
        interaction.Version++;
        // Routing offers it on this event, as it does for any change that may let a waiting interaction go.
        db.Append(new InteractionChanged(interaction.Id, interaction.AccountId, "sla-overflow"), now, interaction.AccountId, interaction.Id);
    }
}
