using Mailroom.Core.Accounts;
using Mailroom.Core.Calendars;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Queues;
using Mailroom.Core.Skills;
using Mailroom.Core.Storage;
using Mailroom.Core.Transfers;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

/// <summary>
/// Moves an interaction's <see cref="RoutingTask"/> on: offers it to the next eligible agents of its queues per
/// strategy, or leaves it waiting. Every pass reads the state from the database and writes it back under the
/// task's Version, so any instance can run any pass.
/// </summary>
public sealed class Router(MailroomDb db, TimeProvider time, Random random, BlobStore blobs, PlanInteractionSteps interactionSteps)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A new interaction: normal routing in the queues serving its account.</summary>
    public async Task RouteNewAsync(long interactionId, CancellationToken ct)
    {
        var interaction = await db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == interactionId, ct);
        var task = await db.RoutingTasks.FirstOrDefaultAsync(t => t.InteractionId == interactionId, ct);
        if (interaction is not { Status: InteractionStatus.Open, AssignedUserId: null } || task is { State: not RoutingState.Done })
        {
            return;
        }

        // Moved to this account by an account transfer: an agent picks it from the list, no queue distributes it.
        var lastHop = await db.TransferRecords.Where(r => r.InteractionId == interactionId).OrderByDescending(r => r.Id)
            .Select(r => (TransferKind?)r.Kind).FirstOrDefaultAsync(ct);
        if (lastHop == TransferKind.Account)
        {
            return;
        }

        task = Restart(task, interactionId, RoutingStep.Queue, null, null);
        await EnterPlanAsync(task, 0, interaction.AccountId, ct);
        await AdvanceAsync(task, ct);
    }

    /// <summary>A new customer message on an owned interaction: the owner first, then the owner's queue.</summary>
    public async Task RouteToOwnerAsync(long interactionId, CancellationToken ct)
    {
        var interaction = await db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == interactionId, ct);
        if (interaction is not { Status: InteractionStatus.Open, AssignedUserId: { } owner })
        {
            await RouteNewAsync(interactionId, ct);
            return;
        }

        var task = await db.RoutingTasks.FirstOrDefaultAsync(t => t.InteractionId == interactionId, ct);
        if (task is { State: not RoutingState.Done })
        {
            return;
        }

        var wait = await db.Accounts.Where(a => a.Id == interaction.AccountId).Select(a => a.WaitForAssignedAgentSeconds).FirstAsync(ct);
        await AdvanceAsync(Restart(task, interactionId, RoutingStep.StickyAgent, owner, Now.AddSeconds(wait)), ct);
    }

    /// <summary>Runs a task again after one of its offers ended (rejected, expired, withdrawn).</summary>
    public async Task ContinueAsync(long interactionId, CancellationToken ct)
    {
        var task = await db.RoutingTasks.FirstOrDefaultAsync(t => t.InteractionId == interactionId, ct);
        if (task is { State: not RoutingState.Done })
        {
            await AdvanceAsync(task, ct);
        }
    }

    /// <summary>A step's time ran out: the owner's wait goes to the owner's queue, that wait to normal routing.</summary>
    public async Task StepDueAsync(RoutingTask task, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var offers = db.Offers.Where(o => o.InteractionId == task.InteractionId);
        switch (task.Step)
        {
            case RoutingStep.StickyAgent:
                await db.EndOpenOffersAsync(offers, OfferState.Expired, "expired", Now, ct);
                await UnassignAsync(task, ct);
                task.QueueId = await OwnersQueueAsync(task, ct);
                var wait = await db.Interactions.Where(i => i.Id == task.InteractionId)
                    .Select(i => db.Accounts.Where(a => a.Id == i.AccountId).Select(a => a.WaitForAssignedQueueSeconds).First()).FirstAsync(ct);
                (task.Step, task.DueAt) = (RoutingStep.StickyQueue, Now.AddSeconds(wait));
                if (task.QueueId is null)
                {
                    await EnterPlanAsync(task, 0, null, ct);
                }

                break;
            case RoutingStep.StickyQueue:
                // "… before proceeding with the action plan".
                await db.EndOpenOffersAsync(offers, OfferState.Withdrawn, "moved on", Now, ct);
                await EnterPlanAsync(task, 0, null, ct);
                break;
            case RoutingStep.PlanQueue or RoutingStep.PlanAgent:
                await db.EndOpenOffersAsync(offers, OfferState.Expired, "expired", Now, ct);
                await EnterPlanAsync(task, (task.PlanPosition ?? -1) + 1, null, ct);
                break;
            case RoutingStep.TransferQueue or RoutingStep.TransferAgent:
                await db.EndOpenOffersAsync(offers, OfferState.Expired, "expired", Now, ct);
                if (!await ReturnToSenderAsync(task, ct))
                {
                    await EnterPlanAsync(task, 0, null, ct);
                }

                break;
            default:
                task.DueAt = null;
                break;
        }

        // The owner's queue is the same round, so the owner who let it ring is not offered it again there.
        if (task.Step != RoutingStep.StickyQueue)
        {
            task.Round++;
        }

        await AdvanceAsync(task, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Runs the account's action plan from <paramref name="position"/> up to the next step that waits (Queue,
    /// Agent); past its end (or with no plan) the interaction goes to normal routing. Steps outside their
    /// interval are skipped; GotoIf looks at the latest customer message; auto replies and webhooks become
    /// <see cref="PlanAction"/>s committed with this pass, so the plan never waits for them; Close, Tag and Set
    /// sub-status change the interaction in this pass, and a Close ends the plan.
    /// </summary>
    private async Task EnterPlanAsync(RoutingTask task, int position, int? accountId, CancellationToken ct)
    {
        accountId ??= await db.Interactions.Where(i => i.Id == task.InteractionId).Select(i => i.AccountId).FirstAsync(ct);
        var steps = await db.ActionPlanSteps.AsNoTracking().Where(s => s.AccountId == accountId).OrderBy(s => s.Position).ToListAsync(ct);
        (task.Step, task.QueueId, task.DueAt, task.PlanPosition) = (RoutingStep.Queue, null, null, null);
        var intervalIds = steps.Where(s => s.IntervalId is not null).Select(s => s.IntervalId!.Value).Distinct().ToList();
        var intervals = intervalIds.Count == 0 ? [] : await db.Intervals.AsNoTracking().Where(i => intervalIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        Message? message = null;
        MessageFacts? facts = null;

        // Saved plans have no loop without a step that waits; the bound keeps a plan edited meanwhile from spinning.
        for (var hops = 0; position >= 0 && position < steps.Count && hops <= 2 * steps.Count; hops++)
        {
            var step = steps[position];
            if (step.IntervalId is { } intervalId && (!intervals.TryGetValue(intervalId, out var interval) || !WorkingHours.IsInside(interval, Now)))
            {
                position++;
                continue;
            }

            switch (step.Kind)
            {
                case PlanStepKind.Goto:
                    position = step.Target ?? steps.Count;
                    continue;
                case PlanStepKind.GotoIf:
                    message ??= await LatestCustomerMessageAsync(task.InteractionId, ct);
                    facts ??= message is null ? null : await MessageFacts.LoadAsync(message, blobs, steps.Any(s => s.ConditionField == ConditionField.Header), ct);
                    position = (facts is not null && PlanCondition.Matches(step, facts) ? step.Target : step.ElseTarget) ?? steps.Count;
                    continue;
                case PlanStepKind.AutoReply or PlanStepKind.Webhook:
                    message ??= await LatestCustomerMessageAsync(task.InteractionId, ct);
                    db.PlanActions.Add(new PlanAction
                    {
                        InteractionId = task.InteractionId,
                        Kind = step.Kind,
                        MessageId = message?.Id,
                        Template = step.Template,
                        AutoReplyMode = step.AutoReplyMode,
                        ReplyAll = step.ReplyAll,
                        Url = step.Url,
                        NextAttemptAt = Now,
                        CreatedAt = Now,
                    });
                    position++;
                    continue;
                case PlanStepKind.Close or PlanStepKind.Tag or PlanStepKind.SetSubStatus or PlanStepKind.SetPriority or PlanStepKind.RequireSkill or PlanStepKind.RelaxSkill:
                    if (await interactionSteps.RunAsync(task.InteractionId, step, ct))
                    {
                        return;
                    }

                    position++;
                    continue;
                case PlanStepKind.Queue:
                    (task.Step, task.QueueId) = (RoutingStep.PlanQueue, step.QueueId);
                    break;
                case PlanStepKind.Agent:
                    (task.Step, task.StickyUserId) = (RoutingStep.PlanAgent, step.UserId);
                    break;
                default:
                    // A kind this version does not know (added by a newer one): skipped, never a stuck plan.
                    position++;
                    continue;
            }

            (task.DueAt, task.PlanPosition) = (Now.AddSeconds(step.TimeoutSeconds), position);
            return;
        }
    }

    private Task<Message?> LatestCustomerMessageAsync(long interactionId, CancellationToken ct) =>
        db.Messages.AsNoTracking().Where(m => m.InteractionId == interactionId && m.Direction == MessageDirection.Incoming && m.Kind == MessageKind.Customer)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).FirstOrDefaultAsync(ct);

    private RoutingTask Restart(RoutingTask? task, long interactionId, RoutingStep step, int? owner, DateTime? dueAt)
    {
        if (task is null)
        {
            task = new RoutingTask { InteractionId = interactionId, CreatedAt = Now };
            db.RoutingTasks.Add(task);
        }

        (task.Step, task.StickyUserId, task.QueueId, task.DueAt, task.PlanPosition) = (step, owner, null, dueAt, null);
        task.Round++;
        return task;
    }

    private async Task AdvanceAsync(RoutingTask task, CancellationToken ct)
    {
        // Bumped before the first save, so a second instance working on the same task fails its save.
        task.Version++;
        task.UpdatedAt = Now;

        // Everything is read before the write transaction opens: on SQLite a transaction holds the one write
        // lock, and holding it through the eligibility reads made every other writer (ingestion, accepts) queue
        // behind routing. The task's Version still makes a pass that read stale state fail as a whole.
        // A plan step of this pass may have changed (closed) it without saving yet: that version decides.
        var interaction = db.Interactions.Local.FirstOrDefault(i => i.Id == task.InteractionId)
            ?? await db.Interactions.AsNoTracking().FirstAsync(i => i.Id == task.InteractionId, ct);
        // One read for both questions: is an offer still ringing, and who was already asked in this round.
        var offers = await db.Offers.AsNoTracking()
            .Where(o => o.InteractionId == task.InteractionId && (o.State == OfferState.Open || o.Round == task.Round))
            .Select(o => new { o.UserId, o.State, o.Round }).ToListAsync(ct);
        OfferPlan? plan = null;
        if (interaction.Status != InteractionStatus.Open || (interaction.AssignedUserId is not null && task.Step != RoutingStep.StickyAgent))
        {
            (task.State, task.DueAt) = (RoutingState.Done, null);
        }
        else if (offers.Any(o => o.State == OfferState.Open))
        {
            task.State = RoutingState.Offering;
        }
        else
        {
            plan = await PlanOffersAsync(task, interaction, offers.Where(o => o.Round == task.Round).Select(o => o.UserId).ToList(), ct);
        }

        await using var ownTx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (plan is not null)
        {
            await WriteOffersAsync(task, interaction, plan, ct);
        }

        await db.SaveChangesAsync(ct);
        if (ownTx is not null)
        {
            await ownTx.CommitAsync(ct);
        }
    }

    private sealed record OfferPlan(MailQueue? Queue, IReadOnlyList<Candidate> Picked, DateTime DueAt, EmailAccount Account);

    /// <summary>Whom to offer to now, or null after putting the task in Waiting.</summary>
    private async Task<OfferPlan?> PlanOffersAsync(RoutingTask task, Interaction interaction, List<int> tried, CancellationToken ct)
    {
        var (queue, picked) = task.Step is RoutingStep.StickyAgent or RoutingStep.PlanAgent or RoutingStep.TransferAgent
            ? (null, await OwnerIfAvailableAsync(task, tried, ct))
            : await PickInQueuesAsync(task, interaction, tried, ct);
        if (picked.Count == 0)
        {
            task.State = RoutingState.Waiting;
            if (task.Step == RoutingStep.Queue)
            {
                // Agents who already said no (or let it ring) get a new round after a queue timeout.
                task.DueAt = tried.Count > 0 && queue is not null ? Now.AddSeconds(queue.AgentTimeoutSeconds) : null;
            }

            return null;
        }

        var dueAt = queue is null ? task.DueAt!.Value : Now.AddSeconds(queue.AgentTimeoutSeconds);
        if (task.DueAt is { } stepEnds && stepEnds < dueAt)
        {
            dueAt = stepEnds;
        }

        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == interaction.AccountId, ct);
        return new OfferPlan(queue, picked, dueAt, account);
    }

    private async Task WriteOffersAsync(RoutingTask task, Interaction interaction, OfferPlan plan, CancellationToken ct)
    {
        var (queue, picked, dueAt, account) = plan;
        var reason = task.Step switch
        {
            RoutingStep.StickyAgent or RoutingStep.StickyQueue => OfferReason.Sticky,
            RoutingStep.TransferAgent or RoutingStep.TransferQueue => OfferReason.Transfer,
            _ => OfferReason.New,
        };
        var offers = picked.Select(c => new Offer
        {
            InteractionId = task.InteractionId,
            UserId = c.UserId,
            QueueId = queue?.Id,
            Reason = reason,
            Round = task.Round,
            CreatedAt = Now,
            DueAt = dueAt,
        }).ToList();
        db.Offers.AddRange(offers);
        await db.SaveChangesAsync(ct);
        foreach (var o in offers)
        {
            db.Append(new OfferCreated(o.Id, o.InteractionId, account.Id, o.QueueId, o.UserId, o.DueAt, o.Reason, interaction.Subject,
                account.Notification.Sound, account.Notification.Shake, NotificationText.Render(account.Notification.Template, interaction.Subject, account.Name, interaction.Id)),
                Now, account.Id, o.InteractionId, o.UserId);
        }

        task.State = RoutingState.Offering;
        if (queue is not null)
        {
            queue.LastEngagedUserId = picked[^1].UserId;
        }
    }

    private async Task<(MailQueue? Queue, IReadOnlyList<Candidate> Picked)> PickInQueuesAsync(RoutingTask task, Interaction interaction, List<int> tried, CancellationToken ct)
    {
        var queues = await db.Queues
            .Where(q => task.QueueId != null ? q.Id == task.QueueId : q.Accounts.Any(a => a.AccountId == interaction.AccountId))
            .OrderByDescending(q => q.Weight).ThenBy(q => q.Id).ToListAsync(ct);
        var needs = await InteractionSkills.NeedsAsync(db, interaction.Id, ct);
        foreach (var queue in queues)
        {
            var eligible = await EligibleAgents.FindAsync(db, queue.Id, interaction.AccountId, interaction.Id, needs, ct);
            var sorted = AgentOrder.Sort(queue.Strategy, eligible.Where(c => !tried.Contains(c.UserId)), queue.LastEngagedUserId, random);
            var picked = AgentOrder.PickForOffer(queue.Strategy, sorted);
            if (picked.Count > 0)
            {
                return (queue, picked);
            }
        }

        return (queues.FirstOrDefault(), []);
    }

    private async Task<IReadOnlyList<Candidate>> OwnerIfAvailableAsync(RoutingTask task, List<int> tried, CancellationToken ct)
    {
        var owner = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == task.StickyUserId && u.IsActive, ct);
        return owner is { Presence: Presence.Online } && !tried.Contains(owner.Id) && await EligibleAgents.HasRoomAsync(db, owner, task.InteractionId, ct)
            ? [new Candidate(owner.Id, 0, owner.LastAssignedAt, 0)]
            : [];
    }

    // The owner did not take the new message in time: the interaction becomes unassigned for the queues.
    private async Task UnassignAsync(RoutingTask task, CancellationToken ct)
    {
        var accountId = await db.Interactions.Where(i => i.Id == task.InteractionId).Select(i => i.AccountId).FirstAsync(ct);
        var changed = await db.Interactions.Where(i => i.Id == task.InteractionId && i.AssignedUserId == task.StickyUserId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AssignedUserId, (int?)null).SetProperty(i => i.Version, i => i.Version + 1), ct);
        if (changed == 1)
        {
            db.Record(task.InteractionId, null, "unassigned", "The owner did not take the new message in time.", Now);
            db.Append(new InteractionChanged(task.InteractionId, accountId, "unassigned"), Now, accountId, task.InteractionId);
        }
    }

    // An offered transfer nobody took in time goes back to its sender, unread; false when there is none.
    private async Task<bool> ReturnToSenderAsync(RoutingTask task, CancellationToken ct)
    {
        if (task.ReturnToUserId is not { } sender)
        {
            return false;
        }

        var interaction = await db.Interactions.AsNoTracking().FirstAsync(i => i.Id == task.InteractionId, ct);
        var returned = await db.Interactions.Where(i => i.Id == task.InteractionId && i.AssignedUserId == null && i.Status == InteractionStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AssignedUserId, sender)
                .SetProperty(i => i.UnreadCount, i => i.UnreadCount < 1 ? 1 : i.UnreadCount)
                .SetProperty(i => i.Version, i => i.Version + 1), ct);
        task.ReturnToUserId = null;
        if (returned == 0)
        {
            return true;
        }

        var kind = task.Step == RoutingStep.TransferAgent ? "agent" : "queue";
        await db.TransferRecords.Where(r => r.InteractionId == task.InteractionId && r.Outcome == TransferOutcome.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, TransferOutcome.Returned).SetProperty(r => r.EndedAt, Now), ct);
        db.Record(task.InteractionId, null, "transfer-returned", "Nobody accepted the transfer in time; back to the sender, unread.", Now);
        db.Append(new TransferEnded(task.InteractionId, interaction.AccountId, kind, "returned", sender), Now, interaction.AccountId, task.InteractionId);
        return true;
    }

    // "The Queue which the Agent is part of": one serving the account if there is one.
    private async Task<int?> OwnersQueueAsync(RoutingTask task, CancellationToken ct)
    {
        var accountId = await db.Interactions.Where(i => i.Id == task.InteractionId).Select(i => i.AccountId).FirstAsync(ct);
        return await db.QueueMembers.Where(m => m.UserId == task.StickyUserId)
            .OrderByDescending(m => m.Queue!.Accounts.Any(a => a.AccountId == accountId))
            .ThenBy(m => m.Priority).ThenBy(m => m.QueueId)
            .Select(m => (int?)m.QueueId).FirstOrDefaultAsync(ct);
    }
}
