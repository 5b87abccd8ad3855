using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Notes;

public sealed record NoteInput(string? Text, AttachmentInput? Attachment = null);

public sealed record NoteView(long Id, long InteractionId, int AuthorUserId, string AuthorName, string Text, NoteFileView? Attachment, DateTime CreatedAt);

public sealed record NoteFileView(string FileName, string ContentType, long Size);

/// <summary>
/// Adds an internal note. Anyone who can see the interaction may (agents, and supervisors spying), on an
/// open or a closed interaction; it changes neither the last message nor the unread count.
/// </summary>
public sealed class AddNote(MailroomDb db, BlobStore blobs, UploadTickets tickets, NoteMentions mentions, TimeProvider time)
{
    public const int MaxTextLength = 20000;

    public async Task<NoteView> RunAsync(Actor actor, long interactionId, NoteInput input, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        var text = input.Text?.Trim();
        var file = input.Attachment;
        var v = new Validator().Required("text", text).Length("text", text, 1, MaxTextLength);
        var sha = file is null ? null : tickets.Resolve(actor.UserId, file.UploadId);
        if (file is not null)
        {
            v.When(sha is null || !blobs.Exists(sha), "attachment.uploadId", "is not a file you uploaded; upload the file first (POST /api/uploads).");
            v.Required("attachment.fileName", file.FileName).Length("attachment.fileName", file.FileName, 1, FileNames.MaxLength);
            v.When(file.ContentType is not null && !MediaTypes.IsValid(file.ContentType), "attachment.contentType", "is not a media type such as text/plain.");
        }

        v.ThrowIfInvalid();
        var now = time.GetUtcNow().UtcDateTime;
        var note = new Note
        {
            InteractionId = interactionId,
            AuthorUserId = actor.UserId,
            Text = text!,
            AttachmentSha256 = sha,
            AttachmentFileName = file is null ? null : FileNames.Clean(file.FileName),
            AttachmentContentType = file is null ? null : string.IsNullOrWhiteSpace(file.ContentType) ? MediaTypes.Binary : file.ContentType,
            AttachmentSize = sha is null ? null : blobs.Size(sha),
            CreatedAt = now,
        };
        db.Notes.Add(note);
        interaction.LastActivityAt = now;
        interaction.Version++;
        await db.SaveChangesAsync(ct);
        var author = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => u.DisplayName).FirstAsync(ct);
        db.Record(interactionId, actor.UserId, "note-added", $"note {note.Id}", now);
        db.Append(new NoteAdded(interactionId, note.Id, interaction.AccountId, actor.UserId), now, interaction.AccountId, interactionId);
        await mentions.RecordAsync(note, interaction.AccountId, author, ct);
        await db.SaveChangesAsync(ct);
        return NoteQueries.View(note, author);
    }
}
