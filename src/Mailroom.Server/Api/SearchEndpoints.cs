using Mailroom.Core.Interactions;
using Mailroom.Core.Search;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

internal static class SearchEndpoints
{
    public static void MapSearchEndpoints(this RouteGroupBuilder api)
    {
        var search = api.MapGroup("/search").WithTags("Search");
        search.MapGet("/fields", () => TypedResults.Ok(SearchFields.Catalogue))
            .WithName("listSearchFields").WithSummary("The fields, operators and values an advanced search can use");
        search.MapPost("/interactions", async (AdvancedSearch body, HttpContext h, InteractionQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.SearchAsync(h.User.Actor(), body, ct)))
            .WithName("searchInteractions").WithSummary("Advanced search over the interactions the caller may see").SavesNothing();

        search.MapGet("/saved", async (HttpContext h, SavedSearches saved, CancellationToken ct) =>
            TypedResults.Ok(await saved.ListAsync(h.User.Actor(), ct)))
            .WithName("listSavedSearches").WithSummary("The caller's saved searches");
        search.MapPost("/saved", async (SavedSearchInput body, HttpContext h, SavedSearches saved, CancellationToken ct) =>
            TypedResults.Ok(await saved.SaveAsync(h.User.Actor(), body, ct)))
            .WithName("saveSearch").WithSummary("Save a search under a name (the same name replaces it)");
        search.MapDelete("/saved/{id:long}", async (long id, HttpContext h, SavedSearches saved, CancellationToken ct) =>
        {
            await saved.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteSavedSearch").WithSummary("Delete one of the caller's saved searches").ProducesProblem(Status404NotFound);
    }
}
