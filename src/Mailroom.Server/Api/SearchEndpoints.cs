using Mailroom.Core.Interactions;
using Mailroom.Core.Search;
using Mailroom.Server.Auth;

namespace Mailroom.Server.Api;

internal static class SearchEndpoints
{
    public static void MapSearchEndpoints(this RouteGroupBuilder api)
    {
        var search = api.MapGroup("/search").WithTags("Search");
        search.MapGet("/fields", () => TypedResults.Ok(SearchFields.Catalogue));
        search.MapPost("/interactions", async (AdvancedSearch body, HttpContext h, InteractionQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.SearchAsync(h.User.Actor(), body, ct)));

        search.MapGet("/saved", async (HttpContext h, SavedSearches saved, CancellationToken ct) =>
            TypedResults.Ok(await saved.ListAsync(h.User.Actor(), ct)));
        search.MapPost("/saved", async (SavedSearchInput body, HttpContext h, SavedSearches saved, CancellationToken ct) =>
            TypedResults.Ok(await saved.SaveAsync(h.User.Actor(), body, ct)));
        search.MapDelete("/saved/{id:long}", async (long id, HttpContext h, SavedSearches saved, CancellationToken ct) =>
        {
            await saved.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });
    }
}
