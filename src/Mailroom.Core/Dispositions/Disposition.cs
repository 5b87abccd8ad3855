using Mailroom.Core.Accounts;
using Mailroom.Core.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Dispositions;

/// <summary>
/// How an interaction ended ("Dispositions"): one to three levels, global or for one account. An agent
/// applies one of the lowest level; the list shows its name, the full path is a hover away.
/// </summary>
public sealed class Disposition
{
    public const int MaxLevels = 3;

    public int Id { get; set; }
    public required string Name { get; set; }
    public int? ParentId { get; set; }

    /// <summary>Null for a global disposition, else the one account it belongs to.</summary>
    public int? AccountId { get; set; }

    /// <summary>1 to 3, the parent's level plus one.</summary>
    public int Level { get; set; } = 1;

    public DateTime CreatedAt { get; set; }
}

internal sealed class DispositionConfiguration : IEntityTypeConfiguration<Disposition>
{
    public void Configure(EntityTypeBuilder<Disposition> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.HasIndex(d => new { d.AccountId, d.ParentId });
        builder.HasOne<Disposition>().WithMany().HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<EmailAccount>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<Interaction>().WithOne().HasForeignKey(i => i.DispositionId).OnDelete(DeleteBehavior.SetNull);
    }
}
