using Mailroom.Core.Interactions;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Routing;

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.HasIndex(o => new { o.InteractionId, o.State });
        builder.HasIndex(o => new { o.UserId, o.State });
        builder.HasIndex(o => new { o.State, o.DueAt });
        builder.HasOne<Interaction>().WithMany().HasForeignKey(o => o.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoutingTaskConfiguration : IEntityTypeConfiguration<RoutingTask>
{
    public void Configure(EntityTypeBuilder<RoutingTask> builder)
    {
        // One routing state per interaction, guaranteed by the key.
        builder.HasKey(t => t.InteractionId);
        builder.HasIndex(t => new { t.State, t.DueAt });
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne<Interaction>().WithMany().HasForeignKey(t => t.InteractionId).OnDelete(DeleteBehavior.Cascade);
    }
}
