using Mailroom.Core.Interactions;
using Mailroom.Core.Search;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Mvc;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

internal static class InteractionEndpoints
{
    public static void MapInteractionEndpoints(this RouteGroupBuilder api)
    {
        var interactions = api.MapGroup("/interactions").WithTags("Interactions");
        interactions.MapGet("", async ([AsParameters] ListQuery list, HttpContext h, InteractionQueries queries, CancellationToken ct) =>
        {
            var page = await queries.ListPageAsync(h.User.Actor(), list.ToFilter(), ct);
            // The body stays a plain array (clients rely on it); the size of the whole list rides in a header.
            h.Response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Ok(page.Rows);
        }).WithName("listInteractions").WithSummary("One page of the interactions the caller may see, filtered; the whole list's size is in X-Total-Count")
            .WithResponseHeader("X-Total-Count", "How many interactions the whole filtered list holds, on every page.")
            .ProducesProblem(Status400BadRequest);
        interactions.MapDelete("/{id:long}", async (long id, HttpContext h, DeleteInteraction delete, CancellationToken ct) =>
        {
            await delete.RunAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteInteraction").WithSummary("Delete an interaction for good (supervisors)").ProducesProblems(Status403Forbidden, Status404NotFound);
        interactions.MapGet("/{id:long}", async (long id, HttpContext h, InteractionQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.GetAsync(h.User.Actor(), id, ct)))
            .WithName("getInteraction").WithSummary("One interaction with its messages").ProducesProblem(Status404NotFound);
    }
}

/// <summary>
/// The list filters as query-string parameters, shared by the list and the CSV export; named in the document as
/// clients write them (binding ignores case either way).
/// </summary>
internal sealed record ListQuery(
    [FromQuery(Name = "accountId")] int? AccountId,
    [FromQuery(Name = "scope")] QueryEnum<ListScope>? Scope,
    [FromQuery(Name = "status")] QueryEnum<InteractionStatus>? Status,
    [FromQuery(Name = "unread")] bool? Unread,
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize,
    [FromQuery(Name = "from")] DateTime? From,
    [FromQuery(Name = "to")] DateTime? To,
    [FromQuery(Name = "agentId")] int? AgentId,
    [FromQuery(Name = "queueId")] int? QueueId,
    [FromQuery(Name = "tags")] int[]? Tags,
    [FromQuery(Name = "order")] QueryEnum<ListOrder>? Order)
{
    public InteractionFilter ToFilter() =>
        new(AccountId, Scope?.Value ?? ListScope.All, Status?.Value, Unread, Q, Page ?? 0, PageSize ?? 50, Utc(From), Utc(To), AgentId, QueueId, Tags,
            Order?.Value ?? ListOrder.Newest);

    private static DateTime? Utc(DateTime? value) => value is DateTime d ? d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime() : null;
}
