using Mailroom.Core.Closing;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Skills;
using Mailroom.Core.Storage;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Tags;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

/// <summary>
/// The plan steps that change the interaction itself (Close, Tag, Set sub-status, Set priority, Require
/// and Relax skill), done by Mailroom
/// (<see cref="Actor.System"/>) with the same rules, history and events as an agent's own action. Unlike auto
/// replies and webhooks they touch nothing outside the database, so they run in the routing pass's own unit of
/// work: a Close is in place before anyone could be offered the interaction, and steps apply in plan order.
/// </summary>
public sealed class PlanInteractionSteps(MailroomDb db, InteractionCloser closer, TimeProvider time)
{
    /// <summary>Carries out the step; true if it closed the interaction, which ends the plan.</summary>
    public async Task<bool> RunAsync(long interactionId, ActionPlanStep step, CancellationToken ct)
    {
        // Tracked: the routing pass saves it with the task, in one transaction.
        var interaction = await db.Interactions.FirstAsync(i => i.Id == interactionId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        switch (step.Kind)
        {
            case PlanStepKind.Close:
                try
                {
                    var plan = await closer.PrepareAsync(Actor.System, interaction, step.DispositionId, ct);
                    await closer.ApplyAsync(Actor.System, interaction, plan, "closed by the action plan", now, ct);
                    return true;
                }
                catch (ValidationFailedException ex)
                {
                    // The disposition stopped being applicable (or became mandatory) after the plan was saved: the
                    // plan goes on rather than leave the interaction unrouted, and the history says why.
                    db.Record(interactionId, null, "plan close failed", string.Join(" ", ex.Errors.Values.SelectMany(e => e)), now);
                    return false;
                }

            case PlanStepKind.Tag:
                var tag = await db.Tags.AsNoTracking().FirstAsync(t => t.Id == step.TagId, ct);
                await SetInteractionTags.AddAsync(db, interaction, tag, Actor.System, now, ct);
                return false;
            case PlanStepKind.SetPriority when step.Priority is { } priority:
                SetPriority.Apply(db, interaction, priority, Actor.System, "action plan", now);
                return false;
            case PlanStepKind.RequireSkill when step is { SkillId: { } skill, SkillLevel: { } level }:
                await InteractionSkills.RequireAsync(db, interaction, skill, level, Actor.System, "action plan", now, ct);
                return false;
            case PlanStepKind.RelaxSkill:
                await InteractionSkills.RelaxAsync(db, interaction, step.SkillId, step.SkillLevel, Actor.System, "action plan", now, ct);
                return false;
            case PlanStepKind.SetSubStatus when interaction.SubStatusId != step.SubStatusId:
                var name = await db.SubStatuses.AsNoTracking().Where(s => s.Id == step.SubStatusId).Select(s => s.Name).FirstAsync(ct);
                SetSubStatus.Apply(db, interaction, step.SubStatusId, name, Actor.System, now);
                return false;
            default:
                return false;
        }
    }
}
