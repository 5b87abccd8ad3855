using Mailroom.Core.Accounts;
using Mailroom.Core.Calendars;
using Mailroom.Core.Queues;
using Mailroom.Core.Tags;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.ServiceLevels;

/// <summary>
/// Service-level targets for an account, a queue, or both (the most specific policy applies), counted in
/// working time of an interval. A target left empty is not measured.
/// </summary>
public sealed class SlaPolicy
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Applies to this account's interactions; null with a queue: that queue in every account.</summary>
    public int? AccountId { get; set; }

    public int? QueueId { get; set; }

    /// <summary>The working hours the targets are counted in; null counts around the clock.</summary>
    public int? IntervalId { get; set; }

    public int? FirstResponseMinutes { get; set; }

    /// <summary>After each customer message that follows an agent reply.</summary>
    public int? NextResponseMinutes { get; set; }

    public int? ResolutionMinutes { get; set; }

    /// <summary>A clock is "at risk" once this share of its target has been used.</summary>
    public int AtRiskPercent { get; set; } = 75;

    public SlaActions AtRisk { get; set; } = new();
    public SlaActions Breach { get; set; } = new();

    public DateTime CreatedAt { get; set; }

    public int? TargetMinutes(SlaKind kind) => kind switch
    {
        SlaKind.FirstResponse => FirstResponseMinutes,
        SlaKind.NextResponse => NextResponseMinutes,
        _ => ResolutionMinutes,
    };
}

/// <summary>What happens when a clock reaches "at risk" or breaches; each one is written to the history.</summary>
public sealed class SlaActions
{
    /// <summary>A live alert to the supervisors of the interaction's account.</summary>
    public bool NotifySupervisors { get; set; }

    /// <summary>Raises the interaction's priority to at least this (0–10); it never lowers it.</summary>
    public int? RaisePriorityTo { get; set; }

    /// <summary>Offers the interaction to this queue (when nobody has accepted it yet).</summary>
    public int? OverflowQueueId { get; set; }

    public int? TagId { get; set; }

    public bool Any => NotifySupervisors || RaisePriorityTo is not null || OverflowQueueId is not null || TagId is not null;
}

public enum SlaKind
{
    FirstResponse = 0,
    NextResponse = 1,
    Resolution = 2,
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> builder)
    {
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.HasOne<EmailAccount>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MailQueue>().WithMany().HasForeignKey(p => p.QueueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkingInterval>().WithMany().HasForeignKey(p => p.IntervalId).OnDelete(DeleteBehavior.Restrict);
        builder.ComplexProperty(p => p.AtRisk);
        builder.ComplexProperty(p => p.Breach);
    }
}
