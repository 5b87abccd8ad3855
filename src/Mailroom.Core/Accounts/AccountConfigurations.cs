using Mailroom.Core.Contacts;
using Mailroom.Core.Events;
using Mailroom.Core.Queues;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Accounts;

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
        builder.ComplexProperty(a => a.Retention);
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
