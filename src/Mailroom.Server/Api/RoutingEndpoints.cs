using Mailroom.Core.AgentPresence;
using Mailroom.Core.Calendars;
using Mailroom.Core.Routing;
using Mailroom.Core.Supervision;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

internal static class RoutingEndpoints
{
    /// <summary>The interaction an accepted offer gave the caller.</summary>
    public sealed record AcceptedOffer(long InteractionId);

    public static void MapRoutingEndpoints(this RouteGroupBuilder api)
    {
        var routing = api.MapGroup("").WithTags("Routing");
        routing.MapPut("/me/presence", async (PresenceInput input, HttpContext h, SetPresence c, CancellationToken ct) =>
            TypedResults.Ok(await c.RunAsync(h.User.Actor(), h.User.Actor().UserId, input, ct)))
            .WithName("setMyPresence").WithSummary("Go online, pause or go offline");
        routing.MapPut("/users/{id:int}/presence", async (int id, PresenceInput input, HttpContext h, SetPresence c, CancellationToken ct) =>
            TypedResults.Ok(await c.RunAsync(h.User.Actor(), id, input, ct)))
            .WithName("setUserPresence").WithSummary("Set another user's presence (supervisors)").ProducesProblems(Status403Forbidden, Status404NotFound);
        routing.MapGet("/me/offers", async (HttpContext h, MyOffers c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)))
            .WithName("listMyOffers").WithSummary("The interactions offered to the caller now");
        routing.MapPost("/offers/{id:long}/accept", async (long id, HttpContext h, AcceptOffer c, CancellationToken ct) =>
            TypedResults.Ok(new AcceptedOffer(await c.RunAsync(h.User.Actor(), id, ct))))
            .WithName("acceptOffer").WithSummary("Take an offered interaction (409 when it was taken or withdrawn)").ProducesProblems(Status404NotFound, Status409Conflict);
        routing.MapPost("/offers/{id:long}/reject", async (long id, HttpContext h, RejectOffer c, CancellationToken ct) =>
        {
            await c.RunAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("rejectOffer").WithSummary("Turn an offer down").ProducesProblems(Status404NotFound, Status409Conflict);
        routing.MapGet("/accounts/{id:int}/plan", async (int id, HttpContext h, SaveActionPlan c, CancellationToken ct) =>
            TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)))
            .WithName("getActionPlan").WithSummary("The account's action plan: how its new interactions are routed (supervisors)")
            .ProducesProblems(Status403Forbidden, Status404NotFound);
        routing.MapPut("/accounts/{id:int}/plan", async (int id, ActionPlanInput input, HttpContext h, SaveActionPlan c, CancellationToken ct) =>
            TypedResults.Ok(await c.RunAsync(h.User.Actor(), id, input, ct)))
            .WithName("saveActionPlan").WithSummary("Replace the account's action plan (administrators)").ProducesProblems(Status403Forbidden, Status404NotFound);
        var intervals = api.MapGroup("/intervals").WithTags("Routing");
        intervals.MapGet("", async (HttpContext h, IntervalCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)))
            .WithName("listIntervals").WithSummary("The opening-hours intervals plans branch on (supervisors)").ProducesProblem(Status403Forbidden);
        intervals.MapPost("", async (IntervalInput input, HttpContext h, IntervalCommands c, CancellationToken ct) =>
        {
            var created = await c.CreateAsync(h.User.Actor(), input, ct);
            return TypedResults.Created($"/api/intervals/{created.Id}", created);
        }).WithName("createInterval").WithSummary("Create an interval (administrators)").ProducesProblem(Status403Forbidden);
        intervals.MapPut("/{id:int}", async (int id, IntervalInput input, HttpContext h, IntervalCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)))
            .WithName("updateInterval").WithSummary("Change an interval (administrators)").ProducesProblems(Status403Forbidden, Status404NotFound);
        intervals.MapDelete("/{id:int}", async (int id, HttpContext h, IntervalCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteInterval").WithSummary("Delete an interval (administrators; refused while a plan uses it)")
            .ProducesProblems(Status403Forbidden, Status404NotFound, Status409Conflict);
        routing.MapGet("/accounts/{id:int}/live", async (int id, HttpContext h, LiveBoard c, CancellationToken ct) =>
            TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)))
            .WithName("getLiveBoard").WithSummary("The account's agents and their open work, live (supervisors)").ProducesProblems(Status403Forbidden, Status404NotFound);
        routing.MapGet("/agents/{id:int}/work", async (int id, HttpContext h, AgentWork c, CancellationToken ct) =>
            TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)))
            .WithName("getAgentWork").WithSummary("One agent's open work (supervisors)").ProducesProblems(Status403Forbidden, Status404NotFound);
    }
}
