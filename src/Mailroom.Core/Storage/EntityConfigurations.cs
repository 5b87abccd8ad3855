using Mailroom.Core.Accounts;
using Mailroom.Core.Contacts;
using Mailroom.Core.Events;
using Mailroom.Core.Queues;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Storage;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.Property(u => u.PauseReason).HasMaxLength(200);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailAccountConfiguration : IEntityTypeConfiguration<EmailAccount>
{
    public void Configure(EntityTypeBuilder<EmailAccount> builder)
    {
        builder.HasIndex(a => a.Key).IsUnique();
        builder.Property(a => a.Key).HasMaxLength(5);
        builder.ComplexProperty(a => a.Imap);
        builder.ComplexProperty(a => a.Smtp);
        builder.ComplexProperty(a => a.Notification);
        builder.ComplexProperty(a => a.Transfer);
        builder.ComplexProperty(a => a.Disposition);
        builder.ComplexProperty(a => a.OAuth);
        builder.ComplexProperty(a => a.Hold, hold =>
        {
            // Kept where the first Held stage put it.
            hold.Property(h => h.RouteAutomaticMail).HasColumnName("RouteAutomaticMail");
            // Existing accounts get the defaults, not zero.
            hold.Property(h => h.FloodLimit).HasDefaultValue(Mail.Held.HoldSettings.DefaultFloodLimit);
            hold.Property(h => h.FloodWindowMinutes).HasDefaultValue(Mail.Held.HoldSettings.DefaultFloodWindowMinutes);
            hold.Property(h => h.ExpiryDays).HasDefaultValue(Mail.Held.HoldSettings.DefaultExpiryDays);
        });
        builder.HasOne<OAuth.OAuthApp>().WithMany().HasForeignKey(a => a.OAuthAppId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ContactList>().WithMany().HasForeignKey(a => a.DefaultContactListId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AccountMemberConfiguration : IEntityTypeConfiguration<AccountMember>
{
    public void Configure(EntityTypeBuilder<AccountMember> builder)
    {
        builder.HasKey(m => new { m.AccountId, m.UserId });
        builder.HasOne(m => m.Account).WithMany(a => a.Members).HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MailQueueConfiguration : IEntityTypeConfiguration<MailQueue>
{
    public void Configure(EntityTypeBuilder<MailQueue> builder) => builder.HasIndex(q => q.Name).IsUnique();
}

internal sealed class QueueMemberConfiguration : IEntityTypeConfiguration<QueueMember>
{
    public void Configure(EntityTypeBuilder<QueueMember> builder)
    {
        builder.HasKey(m => new { m.QueueId, m.UserId });
        builder.HasOne(m => m.Queue).WithMany(q => q.Members).HasForeignKey(m => m.QueueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QueueAccountConfiguration : IEntityTypeConfiguration<QueueAccount>
{
    public void Configure(EntityTypeBuilder<QueueAccount> builder)
    {
        builder.HasKey(m => new { m.QueueId, m.AccountId });
        builder.HasOne(m => m.Queue).WithMany(q => q.Accounts).HasForeignKey(m => m.QueueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Account).WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.HasIndex(c => c.Email);
        builder.HasIndex(c => new { c.ListId, c.Email }).IsUnique();
        builder.HasOne(c => c.List).WithMany().HasForeignKey(c => c.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> builder)
    {
        builder.HasKey(e => e.Sequence);
        builder.HasIndex(e => e.At);
    }
}
