using Mailroom.Core.Accounts;
using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Skills;
using Mailroom.Core.Storage;
using Mailroom.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

public sealed record PlanStepInput(
    PlanStepKind Kind,
    int? QueueId = null,
    int? UserId = null,
    int TimeoutSeconds = 30,
    int? Target = null,
    int? ElseTarget = null,
    int? IntervalId = null,
    string? Template = null,
    AutoReplyMode AutoReplyMode = AutoReplyMode.OncePerInteraction,
    bool ReplyAll = false,
    ConditionField ConditionField = ConditionField.Subject,
    string? HeaderName = null,
    ConditionOperator ConditionOperator = ConditionOperator.Contains,
    string? ConditionValue = null,
    string? Url = null,
    int? DispositionId = null,
    int? TagId = null,
    int? SubStatusId = null,
    int? Priority = null,
    int? SkillId = null,
    int? SkillLevel = null);

public sealed record ActionPlanInput(IReadOnlyList<PlanStepInput> Steps);

/// <summary>
/// Replaces an account's action plan after checking every step; a bad step is a 400 naming it (<c>steps[2]</c>):
/// no unknown queue, agent, interval, tag, sub-status or skill, no disposition another account's interactions could not
/// be closed with, no jump outside the plan, no loop that could run without a step that
/// waits (a Queue or Agent step not bound to an interval).
/// </summary>
public sealed class SaveActionPlan(MailroomDb db, TemplateRenderer templates, TimeProvider time)
{
    /// <summary>Supervisors of the account: the plan holds webhook URLs, which often carry a secret.</summary>
    public async Task<ActionPlanInput> GetAsync(Actor actor, int accountId, CancellationToken ct)
    {
        actor.RequireSupervisor();
        await db.RequireAccountAsync(actor, accountId, ct);
        var steps = await db.ActionPlanSteps.AsNoTracking().Where(s => s.AccountId == accountId).OrderBy(s => s.Position).ToListAsync(ct);
        return new ActionPlanInput(steps.Select(s => new PlanStepInput(s.Kind, s.QueueId, s.UserId, s.TimeoutSeconds, s.Target, s.ElseTarget,
            s.IntervalId, s.Template, s.AutoReplyMode, s.ReplyAll, s.ConditionField, s.HeaderName, s.ConditionOperator, s.ConditionValue, s.Url,
            s.DispositionId, s.TagId, s.SubStatusId, s.Priority, s.SkillId, s.SkillLevel)).ToList());
    }

    public async Task<ActionPlanInput> RunAsync(Actor actor, int accountId, ActionPlanInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        await db.RequireAccountAsync(actor, accountId, ct);
        var known = await PlanReferences.LoadAsync(db, accountId, ct);
        var v = new Validator();
        var loop = FirstStepInALoop(input.Steps);
        for (var i = 0; i < input.Steps.Count; i++)
        {
            var (step, field) = (input.Steps[i], $"steps[{i}]");
            v.When(!Enum.IsDefined(step.Kind), field, "has an unknown kind.");
            known.Validate(v, field, step);
            v.When(step.Kind is PlanStepKind.Queue or PlanStepKind.Agent && step.TimeoutSeconds is < 1 or > 2147483, field, "needs a timeout between 1 and 2147483 seconds.");
            v.When(step.Kind is PlanStepKind.Goto or PlanStepKind.GotoIf && !Inside(step.Target, input.Steps.Count), field, "jumps to a step that does not exist.");
            v.When(step.Kind == PlanStepKind.GotoIf && !Inside(step.ElseTarget, input.Steps.Count), field, "jumps (else) to a step that does not exist.");
            v.When(loop == i, field, "jumps in a loop without a routing or timeout step.");
            ValidateSettings(v, field, step);
        }

        v.ThrowIfInvalid();
        // The old steps go in the same transaction as the new ones arrive: a save that fails leaves the plan as it was,
        // never an account without routing.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var before = await db.ActionPlanSteps.CountAsync(s => s.AccountId == accountId, ct);
        await db.ActionPlanSteps.Where(s => s.AccountId == accountId).ExecuteDeleteAsync(ct);
        var key = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Key).FirstAsync(ct);
        db.Audit(actor, "action plan saved", $"account {key}", $"{before} → {input.Steps.Count} steps: {string.Join(", ", input.Steps.Select(s => s.Kind))}",
            time.GetUtcNow().UtcDateTime);
        db.ActionPlanSteps.AddRange(input.Steps.Select((s, i) => new ActionPlanStep
        {
            AccountId = accountId,
            Position = i,
            Kind = s.Kind,
            QueueId = s.Kind == PlanStepKind.Queue ? s.QueueId : null,
            UserId = s.Kind == PlanStepKind.Agent ? s.UserId : null,
            TimeoutSeconds = s.TimeoutSeconds,
            Target = s.Target,
            ElseTarget = s.ElseTarget,
            IntervalId = s.IntervalId,
            Template = s.Template,
            AutoReplyMode = s.AutoReplyMode,
            ReplyAll = s.ReplyAll,
            ConditionField = s.ConditionField,
            HeaderName = s.HeaderName?.Trim(),
            ConditionOperator = s.ConditionOperator,
            ConditionValue = s.ConditionValue,
            Url = s.Url?.Trim(),
            DispositionId = s.Kind == PlanStepKind.Close ? s.DispositionId : null,
            TagId = s.Kind == PlanStepKind.Tag ? s.TagId : null,
            SubStatusId = s.Kind == PlanStepKind.SetSubStatus ? s.SubStatusId : null,
            Priority = s.Kind == PlanStepKind.SetPriority ? s.Priority : null,
            SkillId = s.Kind is PlanStepKind.RequireSkill or PlanStepKind.RelaxSkill ? s.SkillId : null,
            SkillLevel = s.Kind is PlanStepKind.RequireSkill or PlanStepKind.RelaxSkill ? s.SkillLevel : null,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(actor, accountId, ct);
    }

    private void ValidateSettings(Validator v, string field, PlanStepInput step)
    {
        switch (step.Kind)
        {
            case PlanStepKind.AutoReply:
                v.When(string.IsNullOrWhiteSpace(step.Template), field, "needs a template.");
                v.When(!Enum.IsDefined(step.AutoReplyMode), field, "has an unknown auto reply mode.");
                v.When(templates.SyntaxError(step.Template) is not null, field, $"has a template error: {templates.SyntaxError(step.Template)}");
                break;
            case PlanStepKind.GotoIf:
                v.When(!Enum.IsDefined(step.ConditionField) || !Enum.IsDefined(step.ConditionOperator), field, "has an unknown condition.");
                v.When(step.ConditionField == ConditionField.Header && string.IsNullOrWhiteSpace(step.HeaderName), field, "needs the header's name.");
                v.When(step.HeaderName is { Length: > 200 }, field, "needs a header name of at most 200 characters.");
                v.When(step.ConditionValue is null or { Length: > 2000 }, field, "needs a value of at most 2000 characters.");
                v.When(step.ConditionOperator == ConditionOperator.Regex && PlanCondition.RegexProblem(step.ConditionValue) is not null, field,
                    $"has an invalid regular expression: {PlanCondition.RegexProblem(step.ConditionValue)}");
                break;
            case PlanStepKind.SetPriority:
                v.When(step.Priority is not (>= SetPriority.Lowest and <= SetPriority.Highest), field, $"needs a priority between {SetPriority.Lowest} and {SetPriority.Highest}.");
                break;
            case PlanStepKind.RequireSkill:
                v.When(step.SkillLevel is not (>= Skill.LowestLevel and <= Skill.HighestLevel), field,
                    $"needs a level between {Skill.LowestLevel} and {Skill.HighestLevel}.");
                break;
            case PlanStepKind.RelaxSkill:
                v.When(step.SkillLevel is not (null or (>= Skill.LowestLevel and <= Skill.HighestLevel)), field,
                    $"needs no level (the skill is dropped) or one between {Skill.LowestLevel} and {Skill.HighestLevel}.");
                break;
            case PlanStepKind.Webhook:
                v.When(!Uri.TryCreate(step.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"), field, "needs an absolute http or https URL.");
                v.When(step.Url is { Length: > 2000 }, field, "needs a URL of at most 2000 characters.");
                break;
        }
    }

    private static bool Inside(int? target, int count) => target is { } t && t >= 0 && t < count;

    // Only a Queue or Agent step that always runs (no interval) is sure to wait; every other step moves on at once.
    private static bool Waits(PlanStepInput step) => step.Kind is PlanStepKind.Queue or PlanStepKind.Agent && step.IntervalId is null;

    private static IEnumerable<int> Next(IReadOnlyList<PlanStepInput> steps, int at)
    {
        var step = steps[at];
        List<int?> next = step.Kind switch
        {
            PlanStepKind.Goto => [step.Target],
            PlanStepKind.GotoIf => [step.Target, step.ElseTarget],
            PlanStepKind.Close => [],
            _ => [at + 1],
        };
        if (step.IntervalId is not null)
        {
            // Outside its hours a step is skipped.
            next.Add(at + 1);
        }

        return next.OfType<int>().Where(n => n >= 0 && n < steps.Count);
    }

    /// <summary>The position of a jump in a cycle that has no step that waits, or null.</summary>
    private static int? FirstStepInALoop(IReadOnlyList<PlanStepInput> steps)
    {
        var state = new int[steps.Count]; // 0 new, 1 on the path, 2 done
        var path = new List<int>();
        int? Visit(int at)
        {
            if (Waits(steps[at]) || state[at] == 2)
            {
                return null;
            }

            if (state[at] == 1)
            {
                var cycle = path.Skip(path.IndexOf(at)).ToList();
                return cycle.Where(c => steps[c].Kind is PlanStepKind.Goto or PlanStepKind.GotoIf).DefaultIfEmpty(at).Min();
            }

            (state[at], path) = (1, [.. path, at]);
            foreach (var next in Next(steps, at))
            {
                if (Visit(next) is { } found)
                {
                    return found;
                }
            }

            (state[at], path) = (2, path[..^1]);
            return null;
        }

        return Enumerable.Range(0, steps.Count).Select(Visit).FirstOrDefault(f => f is not null);
    }
}
