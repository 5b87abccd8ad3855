using Mailroom.Core.Drafts;
using Mailroom.Server.Auth;

namespace Mailroom.Server.Api;

/// <summary>
/// Server drafts (issue 6). <c>POST /interactions/{id}/draft</c> saves (409 when one exists, unless
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
        });
        drafts.MapGet("/interactions/{id:long}/draft", async (long id, HttpContext h, MyDrafts c, CancellationToken ct) =>
            await c.ForInteractionAsync(h.User.Actor(), id, ct) is { } draft ? Results.Ok(draft) : Results.NoContent());
        drafts.MapGet("/drafts", async (HttpContext h, MyDrafts c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)));
        drafts.MapGet("/drafts/{id:long}", async (long id, HttpContext h, MyDrafts c, CancellationToken ct) =>
            TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)));
        drafts.MapPut("/drafts/{id:long}", async (long id, DraftInput input, HttpContext h, AutosaveDraft c, CancellationToken ct) =>
            TypedResults.Ok(new AutosaveResponse(id, await c.RunAsync(h.User.Actor(), id, input, ct))));
        drafts.MapDelete("/drafts/{id:long}", async (long id, HttpContext h, MyDrafts c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });
    }
}
