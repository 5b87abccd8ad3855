using Mailroom.Core.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.SubStatuses;

/// <summary>
/// A sub-status of an open interaction: Pending is built in, administrators add more. It highlights an
/// interaction and is removed when the customer writes again.
/// </summary>
public sealed class SubStatus
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The built-in Pending: it can be renamed, never deleted.</summary>
    public bool IsBuiltIn { get; set; }

    /// <summary>Service-level clocks stop counting while an interaction has it (Pending always does).</summary>
    public bool PausesSla { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class SubStatusConfiguration : IEntityTypeConfiguration<SubStatus>
{
    public void Configure(EntityTypeBuilder<SubStatus> builder)
    {
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(50);
        builder.HasMany<Interaction>().WithOne().HasForeignKey(i => i.SubStatusId).OnDelete(DeleteBehavior.SetNull);
    }
}
