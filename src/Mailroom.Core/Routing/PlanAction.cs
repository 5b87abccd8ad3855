using Mailroom.Core.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Routing;

/// <summary>
/// A side effect of an action plan step (auto reply, webhook), written in the routing pass's transaction and
/// carried out by <see cref="PlanActionWorker"/>: the plan goes on at once, a slow or failing webhook never holds
/// it up, and a crash in between loses nothing. The step's settings are copied, so editing the plan meanwhile
/// does not change what was decided.
/// </summary>
public sealed class PlanAction
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public PlanStepKind Kind { get; set; }

    /// <summary>The customer message the plan ran for (the one an auto reply answers).</summary>
    public long? MessageId { get; set; }

    public string? Template { get; set; }
    public AutoReplyMode AutoReplyMode { get; set; }
    public bool ReplyAll { get; set; }
    public string? Url { get; set; }

    public PlanActionState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? LastError { get; set; }
}

public enum PlanActionState
{
    Pending = 0,
    Done = 1,
    Skipped = 2,
    Failed = 3,
}

internal sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> builder)
    {
        builder.HasIndex(a => new { a.State, a.NextAttemptAt });
        builder.HasOne<Interaction>().WithMany().HasForeignKey(a => a.InteractionId).OnDelete(DeleteBehavior.Cascade);
    }
}
