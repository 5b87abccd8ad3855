using Mailroom.Core.Accounts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Held;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Mail.Outbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Mail;

internal sealed class MailboxCheckpointConfiguration : IEntityTypeConfiguration<MailboxCheckpoint>
{
    public void Configure(EntityTypeBuilder<MailboxCheckpoint> builder)
    {
        builder.HasKey(c => new { c.AccountId, c.Mailbox });
        builder.HasOne<EmailAccount>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IngestProblemConfiguration : IEntityTypeConfiguration<IngestProblem>
{
    public void Configure(EntityTypeBuilder<IngestProblem> builder)
    {
        builder.HasIndex(p => new { p.AccountId, p.Mailbox, p.UidValidity, p.Uid }).IsUnique();
        builder.HasOne<EmailAccount>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HeldMailConfiguration : IEntityTypeConfiguration<HeldMail>
{
    public void Configure(EntityTypeBuilder<HeldMail> builder)
    {
        builder.HasIndex(h => new { h.AccountId, h.Mailbox, h.UidValidity, h.Uid }).IsUnique();
        builder.HasIndex(h => new { h.AccountId, h.From, h.HeldAt });
        builder.HasOne<EmailAccount>().WithMany().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SenderRuleConfiguration : IEntityTypeConfiguration<SenderRule>
{
    public void Configure(EntityTypeBuilder<SenderRule> builder)
    {
        builder.HasIndex(r => new { r.AccountId, r.Sender }).IsUnique();
        builder.Property(r => r.Sender).HasMaxLength(320);
        builder.HasOne<EmailAccount>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxItemConfiguration : IEntityTypeConfiguration<OutboxItem>
{
    public void Configure(EntityTypeBuilder<OutboxItem> builder)
    {
        builder.HasIndex(o => new { o.State, o.NextAttemptAt });
        builder.HasIndex(o => o.MessageId).IsUnique();
        // NULLs are distinct on SQLite and PostgreSQL: rows without a key never collide.
        builder.HasIndex(o => new { o.SentByUserId, o.IdempotencyKey }).IsUnique();
        builder.Property(o => o.IdempotencyKey).HasMaxLength(SendOnce.MaxKeyLength);
        builder.HasOne<Message>().WithMany().HasForeignKey(o => o.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
