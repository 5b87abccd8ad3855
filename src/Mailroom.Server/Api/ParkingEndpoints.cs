using Mailroom.Core.Parking;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>Parking an interaction (its owner, or a supervisor of the account) and taking it back.</summary>
internal static class ParkingEndpoints
{
    public static void MapParkingEndpoints(this RouteGroupBuilder api)
    {
        var park = api.MapGroup("/interactions/{id:long}/park").WithTags("Parking");
        park.MapPut("", async (long id, ParkInput input, HttpContext h, ParkInteraction c, CancellationToken ct) =>
        {
            await c.ParkAsync(h.User.Actor(), id, input, ct);
            return TypedResults.NoContent();
        }).WithName("parkInteraction")
            .WithSummary("Park an interaction you own until a time (UTC) or until the customer writes: it frees a capacity slot and pauses its SLA clocks")
            .ProducesProblems(Status403Forbidden, Status404NotFound, Status409Conflict);
        park.MapDelete("", async (long id, HttpContext h, ParkInteraction c, CancellationToken ct) =>
        {
            await c.TakeBackAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("unparkInteraction").WithSummary("Take a parked interaction back into active work now")
            .ProducesProblems(Status403Forbidden, Status404NotFound, Status409Conflict);
    }
}
