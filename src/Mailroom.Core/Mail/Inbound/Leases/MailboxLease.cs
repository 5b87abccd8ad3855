using Mailroom.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Mail.Inbound.Leases;

/// <summary>
/// Which node watches an account's mailbox, and what its watcher is doing, in the database so every node shows
/// the same. <see cref="Epoch"/> is the fencing token: it grows each time a node takes the lease, and every
/// ingest commit names the epoch it was fetched under, so a node that stalled past its lease writes nothing.
/// </summary>
public sealed class MailboxLease
{
    public int AccountId { get; set; }

    public long Epoch { get; set; }

    /// <summary>The node holding the lease; null once it let go.</summary>
    public string? Node { get; set; }

    public WatcherState State { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastErrorAt { get; set; }
    public DateTime? LastMessageAt { get; set; }
    public DateTime Since { get; set; }

    /// <summary>Renewed by the holder every lease pass: a row gone quiet belongs to a node that is gone.</summary>
    public DateTime HeartbeatAt { get; set; }
}

/// <summary>What a watcher carries: the lease it was started under.</summary>
public sealed record LeaseToken(int AccountId, long Epoch);

internal sealed class MailboxLeaseConfiguration : IEntityTypeConfiguration<MailboxLease>
{
    public void Configure(EntityTypeBuilder<MailboxLease> builder)
    {
        builder.HasKey(l => l.AccountId);
        builder.Property(l => l.AccountId).ValueGeneratedNever();
        // The fence: an UPDATE that names an old epoch matches no row and fails the whole commit.
        builder.Property(l => l.Epoch).IsConcurrencyToken();
        builder.Property(l => l.Node).HasMaxLength(200);
        builder.Property(l => l.LastError).HasMaxLength(2000);
        builder.HasOne<EmailAccount>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
