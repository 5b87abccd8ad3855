using Mailroom.Core.Accounts;
using Mailroom.Core.Calendars;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Skills;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Tags;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Routing;

/// <summary>
/// One step of an account's action plan ("Actions"), run in order for each new interaction; its position
/// is the target of jumps. Queue and Agent steps offer for <see cref="TimeoutSeconds"/>, then the plan goes on.
/// A step bound to an <see cref="IntervalId"/> is skipped outside that interval's hours.
/// </summary>
public sealed class ActionPlanStep
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public int Position { get; set; }
    public PlanStepKind Kind { get; set; }
    public int? QueueId { get; set; }
    public int? UserId { get; set; }
    public int TimeoutSeconds { get; set; }

    /// <summary>The position a Goto jumps to; for GotoIf, where it jumps when the condition holds.</summary>
    public int? Target { get; set; }

    /// <summary>GotoIf: where it jumps when the condition does not hold.</summary>
    public int? ElseTarget { get; set; }

    /// <summary>Working hours: outside them the step is skipped.</summary>
    public int? IntervalId { get; set; }

    /// <summary>Auto reply: the Handlebars body.</summary>
    public string? Template { get; set; }

    public AutoReplyMode AutoReplyMode { get; set; }
    public bool ReplyAll { get; set; }

    public ConditionField ConditionField { get; set; }

    /// <summary>GotoIf on <see cref="ConditionField.Header"/>: the header's name.</summary>
    public string? HeaderName { get; set; }

    public ConditionOperator ConditionOperator { get; set; }
    public string? ConditionValue { get; set; }

    /// <summary>Webhook: where the interaction is POSTed.</summary>
    public string? Url { get; set; }

    /// <summary>Close: the disposition it is closed with (none: a plain close).</summary>
    public int? DispositionId { get; set; }

    /// <summary>Tag: the tag added to the interaction.</summary>
    public int? TagId { get; set; }

    /// <summary>Set sub-status: the sub-status the interaction gets.</summary>
    public int? SubStatusId { get; set; }

    /// <summary>Set priority: the interaction's priority (0–10).</summary>
    public int? Priority { get; set; }

    /// <summary>Require skill: the skill; Relax skill: the skill relaxed (none: every needed skill).</summary>
    public int? SkillId { get; set; }

    /// <summary>Require skill: the lowest level that qualifies; Relax skill: the level lowered to (none: not needed any more).</summary>
    public int? SkillLevel { get; set; }
}

/// <summary>
/// The kinds of step. Numbers are stored: append new kinds with new numbers, never renumber.
/// </summary>
public enum PlanStepKind
{
    Queue = 0,
    Agent = 1,
    Goto = 2,
    AutoReply = 3,
    GotoIf = 4,
    Webhook = 5,

    /// <summary>Closes the interaction (with a disposition, if the step names one); the plan ends there.</summary>
    Close = 6,
    Tag = 7,
    SetSubStatus = 8,

    /// <summary>Sets the interaction's priority, which orders the waiting list.</summary>
    SetPriority = 9,

    /// <summary>Makes the interaction need a skill: queue routing offers it only to agents who hold it at the level.</summary>
    RequireSkill = 10,

    /// <summary>Lowers or drops needed skills, typically after a Queue step's timeout found no specialist.</summary>
    RelaxSkill = 11,
}

/// <summary>When an auto reply step answers.</summary>
public enum AutoReplyMode
{
    /// <summary>At most one auto reply per interaction.</summary>
    OncePerInteraction = 0,

    /// <summary>Each new customer message the plan runs for (never twice the same message).</summary>
    EveryMessage = 1,

    /// <summary>Only the message that opened the interaction.</summary>
    FirstMessageOnly = 2,
}

public enum ConditionField
{
    From = 0,
    To = 1,
    Cc = 2,
    Subject = 3,
    Body = 4,
    Header = 5,
}

public enum ConditionOperator
{
    Equals = 0,
    Contains = 1,
    Regex = 2,
}

internal sealed class ActionPlanStepConfiguration : IEntityTypeConfiguration<ActionPlanStep>
{
    public void Configure(EntityTypeBuilder<ActionPlanStep> builder)
    {
        builder.HasIndex(s => new { s.AccountId, s.Position }).IsUnique();
        builder.HasOne<EmailAccount>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkingInterval>().WithMany().HasForeignKey(s => s.IntervalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tag>().WithMany().HasForeignKey(s => s.TagId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SubStatus>().WithMany().HasForeignKey(s => s.SubStatusId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Skill>().WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Restrict);
        // NoAction, not Restrict: deleting an account cascades to both its dispositions and its steps in one
        // statement, and only a check at the statement's end sees that no step is left pointing at them.
        builder.HasOne<Disposition>().WithMany().HasForeignKey(s => s.DispositionId).OnDelete(DeleteBehavior.NoAction);
        builder.Property(s => s.HeaderName).HasMaxLength(200);
        builder.Property(s => s.ConditionValue).HasMaxLength(2000);
        builder.Property(s => s.Url).HasMaxLength(2000);
    }
}
