using Mailroom.Core.Routing;

namespace Mailroom.Server.Components.Pages.Admin;

/// <summary>One step in the action plan editor; the fields of every kind, of which the page shows the relevant ones.</summary>
public sealed class PlanStepForm
{
    public PlanStepKind Kind { get; set; }
    public int? QueueId { get; set; }
    public int? UserId { get; set; }
    public int TimeoutSeconds { get; set; } = 30;
    public int? Target { get; set; }
    public int? ElseTarget { get; set; }
    public int? IntervalId { get; set; }
    public string? Template { get; set; }
    public AutoReplyMode AutoReplyMode { get; set; }
    public bool ReplyAll { get; set; }
    public ConditionField ConditionField { get; set; } = ConditionField.Subject;
    public string? HeaderName { get; set; }
    public ConditionOperator ConditionOperator { get; set; } = ConditionOperator.Contains;
    public string? ConditionValue { get; set; }
    public string? Url { get; set; }
    public int? DispositionId { get; set; }
    public int? TagId { get; set; }
    public int? SubStatusId { get; set; }
    public int? Priority { get; set; }
    public int? SkillId { get; set; }
    public int? SkillLevel { get; set; }

    public static string Label(PlanStepKind kind) => kind switch
    {
        PlanStepKind.AutoReply => "Auto reply",
        PlanStepKind.GotoIf => "Go to if",
        PlanStepKind.Goto => "Go to",
        PlanStepKind.SetSubStatus => "Set sub-status",
        PlanStepKind.SetPriority => "Set priority",
        PlanStepKind.RequireSkill => "Require skill",
        PlanStepKind.RelaxSkill => "Relax skill",
        _ => kind.ToString(),
    };

    public static PlanStepForm From(PlanStepInput s) => new()
    {
        Kind = s.Kind,
        QueueId = s.QueueId,
        UserId = s.UserId,
        TimeoutSeconds = s.TimeoutSeconds,
        Target = s.Target,
        ElseTarget = s.ElseTarget,
        IntervalId = s.IntervalId,
        Template = s.Template,
        AutoReplyMode = s.AutoReplyMode,
        ReplyAll = s.ReplyAll,
        ConditionField = s.ConditionField,
        HeaderName = s.HeaderName,
        ConditionOperator = s.ConditionOperator,
        ConditionValue = s.ConditionValue,
        Url = s.Url,
        DispositionId = s.DispositionId,
        TagId = s.TagId,
        SubStatusId = s.SubStatusId,
        Priority = s.Priority,
        SkillId = s.SkillId,
        SkillLevel = s.SkillLevel,
    };

    public PlanStepInput ToInput() => new(Kind, QueueId, UserId, TimeoutSeconds, Target, ElseTarget, IntervalId, Template, AutoReplyMode, ReplyAll,
        ConditionField, HeaderName, ConditionOperator, ConditionValue, Url, DispositionId, TagId, SubStatusId, Priority, SkillId, SkillLevel);
}

/// <summary>Reordering a plan: jumps follow the steps they point at, and a jump to a removed step points nowhere (the save says so).</summary>
public static class PlanSteps
{
    public static void Swap(List<PlanStepForm> steps, int a, int b)
    {
        (steps[a], steps[b]) = (steps[b], steps[a]);
        Retarget(steps, t => t == a ? b : t == b ? a : t);
    }

    public static void Remove(List<PlanStepForm> steps, int at)
    {
        steps.RemoveAt(at);
        Retarget(steps, t => t == at ? null : t > at ? t - 1 : t);
    }

    private static void Retarget(List<PlanStepForm> steps, Func<int, int?> map)
    {
        foreach (var step in steps)
        {
            step.Target = step.Target is { } t ? map(t) : null;
            step.ElseTarget = step.ElseTarget is { } e ? map(e) : null;
        }
    }
}
