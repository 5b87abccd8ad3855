using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

public sealed record PlanStepInput(PlanStepKind Kind, int? QueueId = null, int? UserId = null, int TimeoutSeconds = 30, int? Target = null);

public sealed record ActionPlanInput(IReadOnlyList<PlanStepInput> Steps);

/// <summary>
/// Replaces an account's action plan after checking every step; a bad step is a 400 naming it (<c>steps[2]</c>):
/// no unknown queue or agent, no jump outside the plan, no loop made only of jumps (it would never wait).
/// </summary>
public sealed class SaveActionPlan(MailroomDb db)
{
    public async Task<ActionPlanInput> GetAsync(Actor actor, int accountId, CancellationToken ct)
    {
        await db.RequireAccountAsync(actor, accountId, ct);
        var steps = await db.ActionPlanSteps.AsNoTracking().Where(s => s.AccountId == accountId).OrderBy(s => s.Position).ToListAsync(ct);
        return new ActionPlanInput(steps.Select(s => new PlanStepInput(s.Kind, s.QueueId, s.UserId, s.TimeoutSeconds, s.Target)).ToList());
    }

    public async Task<ActionPlanInput> RunAsync(Actor actor, int accountId, ActionPlanInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        await db.RequireAccountAsync(actor, accountId, ct);
        var queues = await db.Queues.Select(q => q.Id).ToListAsync(ct);
        var members = await db.AccountMembers.Where(m => m.AccountId == accountId).Select(m => m.UserId).ToListAsync(ct);
        var v = new Validator();
        for (var i = 0; i < input.Steps.Count; i++)
        {
            var (step, field) = (input.Steps[i], $"steps[{i}]");
            v.When(!Enum.IsDefined(step.Kind), field, "has an unknown kind.");
            v.When(step.Kind == PlanStepKind.Queue && (step.QueueId is null || !queues.Contains(step.QueueId.Value)), field, "names a queue that does not exist.");
            v.When(step.Kind == PlanStepKind.Agent && (step.UserId is null || !members.Contains(step.UserId.Value)), field, "names an agent who is not a member of the account.");
            v.When(step.Kind != PlanStepKind.Goto && step.TimeoutSeconds is < 1 or > 2147483, field, "needs a timeout between 1 and 2147483 seconds.");
            v.When(step.Kind == PlanStepKind.Goto && (step.Target is null || step.Target < 0 || step.Target >= input.Steps.Count), field, "jumps to a step that does not exist.");
            v.When(step.Kind == PlanStepKind.Goto && JumpsInALoop(input.Steps, i), field, "jumps in a loop without a routing or timeout step.");
        }

        v.ThrowIfInvalid();
        await db.ActionPlanSteps.Where(s => s.AccountId == accountId).ExecuteDeleteAsync(ct);
        db.ActionPlanSteps.AddRange(input.Steps.Select((s, i) => new ActionPlanStep
        {
            AccountId = accountId,
            Position = i,
            Kind = s.Kind,
            QueueId = s.QueueId,
            UserId = s.UserId,
            TimeoutSeconds = s.TimeoutSeconds,
            Target = s.Target,
        }));
        await db.SaveChangesAsync(ct);
        return input;
    }

    // Following jumps from a Goto reaches the same Goto again without meeting a step that waits.
    private static bool JumpsInALoop(IReadOnlyList<PlanStepInput> steps, int start)
    {
        var seen = new HashSet<int>();
        var at = start;
        while (at >= 0 && at < steps.Count && steps[at] is { Kind: PlanStepKind.Goto, Target: { } target })
        {
            if (!seen.Add(at))
            {
                return true;
            }

            at = target;
        }

        return false;
    }
}
