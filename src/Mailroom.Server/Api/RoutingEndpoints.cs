using Mailroom.Core.AgentPresence;
using Mailroom.Core.Calendars;
using Mailroom.Core.Routing;
using Mailroom.Core.Supervision;
using Mailroom.Server.Auth;

namespace Mailroom.Server.Api;

internal static class RoutingEndpoints
{
    public static void MapRoutingEndpoints(this RouteGroupBuilder api)
    {
        var routing = api.MapGroup("").WithTags("Routing");
        routing.MapPut("/me/presence", async (PresenceInput input, HttpContext h, SetPresence c, CancellationToken ct) =>
            TypedResults.Ok(await c.RunAsync(h.User.Actor(), h.User.Actor().UserId, input, ct)));
        routing.MapPut("/users/{id:int}/presence", async (int id, PresenceInput input, HttpContext h, SetPresence c, CancellationToken ct) =>
            TypedResults.Ok(await c.RunAsync(h.User.Actor(), id, input, ct)));
        routing.MapGet("/me/offers", async (HttpContext h, MyOffers c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)));
        routing.MapPost("/offers/{id:long}/accept", async (long id, HttpContext h, AcceptOffer c, CancellationToken ct) =>
            TypedResults.Ok(new { interactionId = await c.RunAsync(h.User.Actor(), id, ct) }));
        routing.MapPost("/offers/{id:long}/reject", async (long id, HttpContext h, RejectOffer c, CancellationToken ct) =>
        {
            await c.RunAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });
        routing.MapGet("/accounts/{id:int}/plan", async (int id, HttpContext h, SaveActionPlan c, CancellationToken ct) =>
            TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)));
        routing.MapPut("/accounts/{id:int}/plan", async (int id, ActionPlanInput input, HttpContext h, SaveActionPlan c, CancellationToken ct) =>
            TypedResults.Ok(await c.RunAsync(h.User.Actor(), id, input, ct)));
        var intervals = api.MapGroup("/intervals").WithTags("Routing");
        intervals.MapGet("", async (HttpContext h, IntervalCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)));
        intervals.MapPost("", async (IntervalInput input, HttpContext h, IntervalCommands c, CancellationToken ct) =>
        {
            var created = await c.CreateAsync(h.User.Actor(), input, ct);
            return TypedResults.Created($"/api/intervals/{created.Id}", created);
        });
        intervals.MapPut("/{id:int}", async (int id, IntervalInput input, HttpContext h, IntervalCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)));
        intervals.MapDelete("/{id:int}", async (int id, HttpContext h, IntervalCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });
        routing.MapGet("/accounts/{id:int}/live", async (int id, HttpContext h, LiveBoard c, CancellationToken ct) =>
            TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)));
        routing.MapGet("/agents/{id:int}/work", async (int id, HttpContext h, AgentWork c, CancellationToken ct) =>
            TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)));
    }
}
