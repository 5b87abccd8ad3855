using Mailroom.Core.Routing;
using Mailroom.Core.ServiceLevels;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>SLA policies (supervisors of their accounts, administrators of all), an interaction's clocks and its priority.</summary>
internal static class ServiceLevelEndpoints
{
    public sealed record PriorityInput(int? Priority);

    public static void MapServiceLevelEndpoints(this RouteGroupBuilder api)
    {
        // Supervisors of their accounts, administrators of all.
        var policies = api.MapGroup("/sla-policies").WithTags("Service levels").ProducesProblem(Status403Forbidden);
        policies.MapGet("", async (HttpContext h, SlaPolicyCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)))
            .WithName("listSlaPolicies").WithSummary("The SLA policies of the caller's accounts");
        policies.MapPost("", async (SlaPolicyInput input, HttpContext h, SlaPolicyCommands c, CancellationToken ct) =>
        {
            var policy = await c.CreateAsync(h.User.Actor(), input, ct);
            return TypedResults.Created($"/api/sla-policies/{policy.Id}", policy);
        }).WithName("createSlaPolicy").WithSummary("Create an SLA policy");
        policies.MapPut("/{id:int}", async (int id, SlaPolicyInput input, HttpContext h, SlaPolicyCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)))
            .WithName("updateSlaPolicy").WithSummary("Change an SLA policy").ProducesProblem(Status404NotFound);
        policies.MapDelete("/{id:int}", async (int id, HttpContext h, SlaPolicyCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteSlaPolicy").WithSummary("Delete an SLA policy, and the clocks it runs").ProducesProblem(Status404NotFound);

        api.MapGet("/interactions/{id:long}/sla", async (long id, HttpContext h, InteractionClocks c, CancellationToken ct) =>
            TypedResults.Ok(await c.ListAsync(h.User.Actor(), id, ct))).WithTags("Service levels")
            .WithName("listInteractionClocks").WithSummary("The interaction's SLA clocks").ProducesProblem(Status404NotFound);
        api.MapPut("/interactions/{id:long}/priority", async (long id, PriorityInput input, HttpContext h, SetPriority c, CancellationToken ct) =>
        {
            await c.RunAsync(h.User.Actor(), id, input.Priority, ct);
            return TypedResults.NoContent();
        }).WithTags("Service levels")
            .WithName("setInteractionPriority").WithSummary("Set the interaction's priority").ProducesProblem(Status404NotFound);
    }
}
