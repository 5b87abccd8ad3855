using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Notes;

/// <summary>The notes of an interaction, oldest first, and a note's file, for those who can see the interaction.</summary>
public sealed class NoteQueries(MailroomDb db)
{
    public async Task<IReadOnlyList<NoteView>> ListAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        await db.RequireInteractionAsync(actor, interactionId, ct);
        var rows = await (from n in db.Notes.AsNoTracking()
                          join u in db.Users on n.AuthorUserId equals u.Id
                          where n.InteractionId == interactionId
                          orderby n.CreatedAt, n.Id
                          select new { Note = n, u.DisplayName }).ToListAsync(ct);
        return rows.Select(r => View(r.Note, r.DisplayName)).ToList();
    }

    public async Task<Note> RequireFileAsync(Actor actor, long noteId, CancellationToken ct)
    {
        var note = await db.Notes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == noteId, ct) ?? throw new NotFoundException($"Note {noteId}");
        await db.RequireInteractionAsync(actor, note.InteractionId, ct);
        return note.AttachmentSha256 is null ? throw new NotFoundException($"The file of note {noteId}") : note;
    }

    internal static NoteView View(Note n, string author) => new(n.Id, n.InteractionId, n.AuthorUserId, author, n.Text,
        n.AttachmentSha256 is null ? null : new NoteFileView(n.AttachmentFileName ?? "file", n.AttachmentContentType ?? "application/octet-stream", n.AttachmentSize ?? 0),
        n.CreatedAt);
}
