using Mailroom.Core.Interactions;
using Mailroom.Server.Auth;

namespace Mailroom.Server.Api;

internal static class InteractionEndpoints
{
    public static void MapInteractionEndpoints(this RouteGroupBuilder api)
    {
        var interactions = api.MapGroup("/interactions").WithTags("Interactions");
        interactions.MapGet("", async (int? accountId, ListScope? scope, InteractionStatus? status, bool? unread, string? q, int? page, int? pageSize,
            HttpContext h, InteractionQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.ListAsync(h.User.Actor(),
                new InteractionFilter(accountId, scope ?? ListScope.All, status, unread, q, page ?? 0, pageSize ?? 50), ct)));
        interactions.MapGet("/{id:long}", async (long id, HttpContext h, InteractionQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.GetAsync(h.User.Actor(), id, ct)));
    }
}
