using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Audit;

/// <summary>
/// One administration or security fact — a sign-in, a role change, a plan saved, an export — with who, when, from where
/// and what changed. Written in the same transaction as the change; never changed or deleted (<see cref="AuditAppendOnly"/>).
/// </summary>
public sealed class AuditEntry
{
    public const int TargetLength = 300;
    public const int DetailsLength = 4000;

    public long Id { get; set; }
    public DateTime At { get; set; }

    /// <summary>
    /// Who did it; none for Mailroom itself or for someone not signed in (a failed sign-in). No foreign key: a record of
    /// the past must never be what makes an action fail, and people are deactivated, not deleted.
    /// </summary>
    public int? ActorUserId { get; set; }

    public required string Action { get; set; }

    /// <summary>What it was done to, in words ("user ana@example.test", "account SUP").</summary>
    public required string Target { get; set; }

    /// <summary>What changed ("role agent → supervisor"), or the reason.</summary>
    public string? Details { get; set; }

    public string? ClientIp { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.ActorUserId, a.At });
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.Target).HasMaxLength(AuditEntry.TargetLength);
        builder.Property(a => a.Details).HasMaxLength(AuditEntry.DetailsLength);
        builder.Property(a => a.ClientIp).HasMaxLength(64);
    }
}
