using Mailroom.Core.Interactions;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Notes;

/// <summary>
/// A colleague named in a note ("@bob, can you check the invoice?"): they are told live and find the
/// interaction in their "Mentions" list until they have read it.
/// </summary>
public sealed class Mention
{
    public long Id { get; set; }
    public long NoteId { get; set; }
    public long InteractionId { get; set; }
    public int UserId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the named colleague opened the interaction after the note; null while it is news to them.</summary>
    public DateTime? SeenAt { get; set; }
}

internal sealed class MentionConfiguration : IEntityTypeConfiguration<Mention>
{
    public void Configure(EntityTypeBuilder<Mention> builder)
    {
        builder.HasIndex(m => new { m.UserId, m.SeenAt, m.InteractionId });
        builder.HasIndex(m => new { m.NoteId, m.UserId }).IsUnique();
        builder.HasOne<Note>().WithMany().HasForeignKey(m => m.NoteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Interaction>().WithMany().HasForeignKey(m => m.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
