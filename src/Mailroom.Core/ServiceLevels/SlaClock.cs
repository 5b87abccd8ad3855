using Mailroom.Core.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.ServiceLevels;

/// <summary>
/// One measured target on one interaction, as a durable timer row: working time used so far, and while it
/// runs the instants at which it will be at risk and breached. A pause banks the time used and clears them.
/// </summary>
public sealed class SlaClock
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public int PolicyId { get; set; }
    public SlaKind Kind { get; set; }

    /// <summary>The target when the clock started, so editing a policy does not move running clocks.</summary>
    public int TargetMinutes { get; set; }

    public int AtRiskPercent { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>Working time used up to the last pause (or up to <see cref="RunningSince"/>).</summary>
    public TimeSpan Used { get; set; }

    /// <summary>Counting again since then; null while paused or stopped.</summary>
    public DateTime? RunningSince { get; set; }

    /// <summary>When it breaches if it keeps running; null while paused or stopped.</summary>
    public DateTime? DueAt { get; set; }

    public DateTime? AtRiskAt { get; set; }

    /// <summary>The earlier of the at-risk and breach instants not yet acted on: what the timer worker polls.</summary>
    public DateTime? NextTimerAt { get; set; }

    public DateTime? AtRiskReachedAt { get; set; }
    public DateTime? BreachedAt { get; set; }

    /// <summary>Answered, resolved or closed; a stopped clock is never started again.</summary>
    public DateTime? StoppedAt { get; set; }

    public int Version { get; set; }

    public bool IsPaused => StoppedAt is null && RunningSince is null;

    public TimeSpan Target => TimeSpan.FromMinutes(TargetMinutes);
}

internal sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> builder)
    {
        builder.HasIndex(c => new { c.InteractionId, c.Kind });
        builder.HasIndex(c => c.NextTimerAt);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Interaction>().WithMany().HasForeignKey(c => c.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SlaPolicy>().WithMany().HasForeignKey(c => c.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}
