using Mailroom.Core.Tags;
using Mailroom.Server.Auth;

namespace Mailroom.Server.Api;

/// <summary>The tag list (administrators edit, everyone reads) and the tags of an interaction.</summary>
internal static class TagEndpoints
{
    public sealed record InteractionTagsInput(IReadOnlyList<int>? TagIds);

    public static void MapTagEndpoints(this RouteGroupBuilder api)
    {
        var tags = api.MapGroup("/tags").WithTags("Tags");
        tags.MapGet("", async (TagCatalog c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(ct)));
        tags.MapPost("", async (TagInput input, HttpContext h, TagCatalog c, CancellationToken ct) =>
        {
            var tag = await c.CreateAsync(h.User.Actor(), input, ct);
            return TypedResults.Created($"/api/tags/{tag.Id}", tag);
        });
        tags.MapPut("/{id:int}", async (int id, TagInput input, HttpContext h, TagCatalog c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)));
        tags.MapDelete("/{id:int}", async (int id, HttpContext h, TagCatalog c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });

        var onInteraction = api.MapGroup("/interactions/{id:long}/tags").WithTags("Tags");
        onInteraction.MapGet("", async (long id, HttpContext h, SetInteractionTags c, CancellationToken ct) =>
            TypedResults.Ok(await c.ListAsync(h.User.Actor(), id, ct)));
        onInteraction.MapPut("", async (long id, InteractionTagsInput input, HttpContext h, SetInteractionTags c, CancellationToken ct) =>
            TypedResults.Ok(await c.RunAsync(h.User.Actor(), id, input.TagIds, ct)));
    }
}
