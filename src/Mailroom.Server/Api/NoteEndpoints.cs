using Mailroom.Core.Notes;
using Mailroom.Core.Storage;
using Mailroom.Server.Auth;
using Mailroom.Server.Media;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>Internal notes: listed and added on an interaction; a note's file downloaded; the caller's @mentions.</summary>
internal static class NoteEndpoints
{
    public static void MapNoteEndpoints(this RouteGroupBuilder api)
    {
        var notes = api.MapGroup("").WithTags("Notes");
        notes.MapGet("/interactions/{id:long}/notes", async (long id, HttpContext h, NoteQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ListAsync(h.User.Actor(), id, ct)))
            .WithName("listNotes").WithSummary("The internal notes of an interaction").ProducesProblem(Status404NotFound);
        notes.MapPost("/interactions/{id:long}/notes", async (long id, NoteInput input, HttpContext h, AddNote c, CancellationToken ct) =>
        {
            var note = await c.RunAsync(h.User.Actor(), id, input, ct);
            return TypedResults.Created($"/api/interactions/{id}/notes", note);
        }).WithName("addNote").WithSummary("Add an internal note, with a file and @mentions").ProducesProblem(Status404NotFound);
        notes.MapGet("/notes/{id:long}/file", async (long id, HttpContext h, NoteQueries q, BlobStore blobs, CancellationToken ct) =>
        {
            var note = await q.RequireFileAsync(h.User.Actor(), id, ct);
            return SafeDownload.File(h, blobs.OpenRead(note.AttachmentSha256!), note.AttachmentContentType, note.AttachmentFileName, $"note-{id}");
        }).WithName("downloadNoteFile").WithSummary("The file of a note").ProducesDownload().ProducesProblem(Status404NotFound);
        notes.MapGet("/mentions", async (HttpContext h, NoteMentions m, CancellationToken ct) =>
            TypedResults.Ok(new UnseenMentions(await m.UnseenCountAsync(h.User.Actor(), ct))))
            .WithName("countUnseenMentions").WithSummary("How many interactions name the caller in a note they have not seen");
        notes.MapPost("/interactions/{id:long}/mentions/seen", async (long id, HttpContext h, NoteMentions m, CancellationToken ct) =>
        {
            await m.MarkSeenAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("markMentionsSeen").WithSummary("Mark the caller's mentions on an interaction seen").ProducesProblem(Status404NotFound);
    }
}

/// <summary>How many interactions name the caller in a note they have not opened since.</summary>
internal sealed record UnseenMentions(int Unseen);
