using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.TwoFactor;

/// <summary>A one-time code for signing in without the phone; only its hash is kept.</summary>
public sealed class RecoveryCode
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public required string CodeHash { get; set; }
    public DateTime? UsedAt { get; set; }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.HasIndex(c => new { c.UserId, c.CodeHash }).IsUnique();
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
