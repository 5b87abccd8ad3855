using Mailroom.Core.Accounts;
using Mailroom.Core.Contacts;
using Mailroom.Core.Events;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Queues;

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
