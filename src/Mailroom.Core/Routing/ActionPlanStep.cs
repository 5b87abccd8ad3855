using Mailroom.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Routing;

/// <summary>
/// One step of an account's action plan (002 "Actions"), run in order for each new interaction; its position
/// is the target of jumps. Queue and Agent steps offer for <see cref="TimeoutSeconds"/>, then the plan goes on.
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

    /// <summary>The position a Goto jumps to.</summary>
    public int? Target { get; set; }
}

public enum PlanStepKind
{
    Queue = 0,
    Agent = 1,
    Goto = 2,
}

internal sealed class ActionPlanStepConfiguration : IEntityTypeConfiguration<ActionPlanStep>
{
    public void Configure(EntityTypeBuilder<ActionPlanStep> builder)
    {
        builder.HasIndex(s => new { s.AccountId, s.Position }).IsUnique();
        builder.HasOne<EmailAccount>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
