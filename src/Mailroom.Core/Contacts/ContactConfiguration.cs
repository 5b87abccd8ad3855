using Mailroom.Core.Accounts;
using Mailroom.Core.Events;
using Mailroom.Core.Queues;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Contacts;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.HasIndex(c => c.Email);
        builder.HasIndex(c => new { c.ListId, c.Email }).IsUnique();
        builder.HasOne(c => c.List).WithMany().HasForeignKey(c => c.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}
