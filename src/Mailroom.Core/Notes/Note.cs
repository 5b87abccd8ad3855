using Mailroom.Core.Interactions;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Notes;

/// <summary>
/// An internal note on an interaction ("internal note", also from a supervisor spying): seen by the organisation only,
/// never sent, never the interaction's last message.
/// </summary>
public sealed class Note
{
    public long Id { get; set; }
    public long InteractionId { get; set; }
    public int AuthorUserId { get; set; }
    public required string Text { get; set; }

    /// <summary>An optional file, an upload in the blob store (<c>POST /api/uploads</c>).</summary>
    public string? AttachmentSha256 { get; set; }

    public string? AttachmentFileName { get; set; }
    public string? AttachmentContentType { get; set; }
    public long? AttachmentSize { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> builder)
    {
        builder.HasIndex(n => new { n.InteractionId, n.CreatedAt });
        builder.Property(n => n.Text).HasMaxLength(Notes.AddNote.MaxTextLength);
        builder.HasOne<Interaction>().WithMany().HasForeignKey(n => n.InteractionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.AuthorUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
