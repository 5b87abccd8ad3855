using Mailroom.Core.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Tags;

/// <summary>A label from the administrator's list; an interaction carries any number of them.</summary>
public sealed class Tag
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>A CSS colour (#rrggbb) for the chip.</summary>
    public string? Color { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed class InteractionTag
{
    public long InteractionId { get; set; }
    public int TagId { get; set; }
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(50);
        builder.Property(t => t.Color).HasMaxLength(7);
    }
}

internal sealed class InteractionTagConfiguration : IEntityTypeConfiguration<InteractionTag>
{
    public void Configure(EntityTypeBuilder<InteractionTag> builder)
    {
        builder.HasKey(t => new { t.InteractionId, t.TagId });
        builder.HasIndex(t => t.TagId);
        builder.HasOne<Interaction>().WithMany().HasForeignKey(t => t.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tag>().WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}
