using Mailroom.Core.Accounts;
using Mailroom.Core.Contacts;
using Mailroom.Core.Queues;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Events;

internal sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> builder)
    {
        builder.HasKey(e => e.Sequence);
        builder.HasIndex(e => e.At);
    }
}
