using Mailroom.Core.Notes;
using Mailroom.Core.Storage;
using Mailroom.Server.Auth;
using Mailroom.Server.Media;

namespace Mailroom.Server.Api;

/// <summary>Internal notes (issue 6): listed and added on an interaction; a note's file downloaded; the caller's @mentions (issue 19).</summary>
internal static class NoteEndpoints
{
    public static void MapNoteEndpoints(this RouteGroupBuilder api)
    {
        var notes = api.MapGroup("").WithTags("Notes");
        notes.MapGet("/interactions/{id:long}/notes", async (long id, HttpContext h, NoteQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ListAsync(h.User.Actor(), id, ct)));
        notes.MapPost("/interactions/{id:long}/notes", async (long id, NoteInput input, HttpContext h, AddNote c, CancellationToken ct) =>
        {
            var note = await c.RunAsync(h.User.Actor(), id, input, ct);
            return TypedResults.Created($"/api/interactions/{id}/notes", note);
        });
        notes.MapGet("/notes/{id:long}/file", async (long id, HttpContext h, NoteQueries q, BlobStore blobs, CancellationToken ct) =>
        {
            var note = await q.RequireFileAsync(h.User.Actor(), id, ct);
            return SafeDownload.File(h, blobs.OpenRead(note.AttachmentSha256!), note.AttachmentContentType, note.AttachmentFileName, $"note-{id}");
        });
        notes.MapGet("/mentions", async (HttpContext h, NoteMentions m, CancellationToken ct) =>
            TypedResults.Ok(new UnseenMentions(await m.UnseenCountAsync(h.User.Actor(), ct))));
        notes.MapPost("/interactions/{id:long}/mentions/seen", async (long id, HttpContext h, NoteMentions m, CancellationToken ct) =>
        {
            await m.MarkSeenAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });
    }
}

/// <summary>How many interactions name the caller in a note they have not opened since.</summary>
internal sealed record UnseenMentions(int Unseen);
