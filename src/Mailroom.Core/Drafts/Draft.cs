using Mailroom.Core.Interactions;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Drafts;

/// <summary>
/// A message being written, kept on the server (better than the product's browser-only drafts): one per interaction
/// per agent, seen only by its author, deleted when the interaction is closed.
/// </summary>
public sealed class Draft
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public int UserId { get; set; }

    /// <summary>What the composer was doing: reply, reply-all, forward.</summary>
    public string Mode { get; set; } = "reply";

    public string To { get; set; } = "";
    public string Cc { get; set; } = "";
    public string Bcc { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public bool IsHtml { get; set; } = true;

    /// <summary>The message answered, if the composer named one.</summary>
    public long? MessageId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> builder)
    {
        // The database, not only the code, keeps it to one draft per interaction per agent.
        builder.HasIndex(d => new { d.InteractionId, d.UserId }).IsUnique();
        builder.HasIndex(d => d.UserId);
        builder.Property(d => d.Mode).HasMaxLength(20);
        builder.HasOne<Interaction>().WithMany().HasForeignKey(d => d.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
