using Mailroom.Core.Drafts;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>
/// Server drafts. <c>POST /interactions/{id}/draft</c> saves (409 when one exists, unless
/// <c>?replace=true</c>); <c>PUT /drafts/{id}</c> is the cheap autosave; everything answers only to the author.
/// </summary>
internal static class DraftEndpoints
{
    public sealed record AutosaveResponse(long Id, DateTime SavedAt);

    public static void MapDraftEndpoints(this RouteGroupBuilder api)
    {
        var drafts = api.MapGroup("").WithTags("Drafts");
        drafts.MapPost("/interactions/{id:long}/draft", async (long id, DraftInput input, bool? replace, HttpContext h, SaveDraft c, CancellationToken ct) =>
        {
            var draft = await c.RunAsync(h.User.Actor(), id, input, replace ?? false, ct);
            return TypedResults.Created($"/api/drafts/{draft.Id}", draft);
        }).WithName("saveDraft").WithSummary("Save the caller's draft of a message on an interaction")
            .ProducesProblems(Status404NotFound, Status409Conflict);
        drafts.MapGet("/interactions/{id:long}/draft", ForInteraction)
            .WithName("getDraftOfInteraction").WithSummary("The caller's draft on an interaction; 204 when there is none");
        drafts.MapGet("/drafts", async (HttpContext h, MyDrafts c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)))
            .WithName("listDrafts").WithSummary("The caller's drafts");
        drafts.MapGet("/drafts/{id:long}", async (long id, HttpContext h, MyDrafts c, CancellationToken ct) =>
            TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)))
            .WithName("getDraft").WithSummary("One of the caller's drafts").ProducesProblem(Status404NotFound);
        drafts.MapPut("/drafts/{id:long}", async (long id, DraftInput input, HttpContext h, AutosaveDraft c, CancellationToken ct) =>
            TypedResults.Ok(new AutosaveResponse(id, await c.RunAsync(h.User.Actor(), id, input, ct))))
            .WithName("autosaveDraft").WithSummary("Autosave one of the caller's drafts").ProducesProblem(Status404NotFound);
        drafts.MapDelete("/drafts/{id:long}", async (long id, HttpContext h, MyDrafts c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteDraft").WithSummary("Delete one of the caller's drafts").ProducesProblem(Status404NotFound);
    }

    private static async Task<Results<Ok<DraftView>, NoContent>> ForInteraction(long id, HttpContext h, MyDrafts c, CancellationToken ct) =>
        await c.ForInteractionAsync(h.User.Actor(), id, ct) is { } draft ? TypedResults.Ok(draft) : TypedResults.NoContent();
}
