using Mailroom.Core.Tags;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>The tag list (administrators edit, everyone reads) and the tags of an interaction.</summary>
internal static class TagEndpoints
{
    public sealed record InteractionTagsInput(IReadOnlyList<int>? TagIds);

    public static void MapTagEndpoints(this RouteGroupBuilder api)
    {
        var tags = api.MapGroup("/tags").WithTags("Tags");
        tags.MapGet("", async (TagCatalog c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(ct)))
            .WithName("listTags").WithSummary("The tags");
        tags.MapPost("", async (TagInput input, HttpContext h, TagCatalog c, CancellationToken ct) =>
        {
            var tag = await c.CreateAsync(h.User.Actor(), input, ct);
            return TypedResults.Created($"/api/tags/{tag.Id}", tag);
        }).WithName("createTag").WithSummary("Create a tag (administrators)").ProducesProblem(Status403Forbidden);
        tags.MapPut("/{id:int}", async (int id, TagInput input, HttpContext h, TagCatalog c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)))
            .WithName("updateTag").WithSummary("Rename a tag (administrators)").ProducesProblems(Status403Forbidden, Status404NotFound);
        tags.MapDelete("/{id:int}", async (int id, HttpContext h, TagCatalog c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteTag").WithSummary("Delete a tag (administrators; refused while a plan sets it)")
            .ProducesProblems(Status403Forbidden, Status404NotFound, Status409Conflict);

        var onInteraction = api.MapGroup("/interactions/{id:long}/tags").WithTags("Tags").ProducesProblem(Status404NotFound);
        onInteraction.MapGet("", async (long id, HttpContext h, SetInteractionTags c, CancellationToken ct) =>
            TypedResults.Ok(await c.ListAsync(h.User.Actor(), id, ct)))
            .WithName("listInteractionTags").WithSummary("The tags of an interaction");
        onInteraction.MapPut("", async (long id, InteractionTagsInput input, HttpContext h, SetInteractionTags c, CancellationToken ct) =>
            TypedResults.Ok(await c.RunAsync(h.User.Actor(), id, input.TagIds, ct)))
            .WithName("setInteractionTags").WithSummary("Replace the tags of an interaction");
    }
}
