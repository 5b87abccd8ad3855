using Mailroom.Core.Accounts;
using Mailroom.Core.Contacts;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Interactions;

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.HasIndex(i => new { i.AccountId, i.LastActivityAt });
        builder.HasIndex(i => new { i.AssignedUserId, i.Status });
        builder.HasIndex(i => i.ContactId);
        builder.HasIndex(i => i.ContinuedFromId);
        builder.HasIndex(i => i.CreatedAt);
        builder.HasIndex(i => i.ParkedUntil);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne<EmailAccount>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<User>().WithMany().HasForeignKey(i => i.AssignedUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.HasIndex(m => new { m.InteractionId, m.CreatedAt });
        builder.HasIndex(m => m.MessageIdHeader);
        // The database, not only the code, guarantees a mailbox message is stored once.
        builder.HasIndex(m => new { m.AccountId, m.ImapMailbox, m.UidValidity, m.Uid }).IsUnique();
        builder.HasIndex(m => new { m.AccountId, m.RawSha256 });
        // The flood rule counts one sender's recent mail at every ingest: without it, a scan of the account.
        builder.HasIndex(m => new { m.AccountId, m.From });
        builder.HasOne<Interaction>().WithMany().HasForeignKey(m => m.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder) => builder.HasIndex(a => a.BlobSha256);
}

internal sealed class HistoryEntryConfiguration : IEntityTypeConfiguration<HistoryEntry>
{
    public void Configure(EntityTypeBuilder<HistoryEntry> builder)
    {
        builder.HasIndex(h => new { h.InteractionId, h.At });
        builder.HasOne<Interaction>().WithMany().HasForeignKey(h => h.InteractionId).OnDelete(DeleteBehavior.Cascade);
    }
}
