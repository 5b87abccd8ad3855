using Mailroom.Core.Routing;
using Mailroom.Core.ServiceLevels;
using Mailroom.Server.Auth;

namespace Mailroom.Server.Api;

/// <summary>SLA policies (supervisors of their accounts, administrators of all), an interaction's clocks and its priority.</summary>
internal static class ServiceLevelEndpoints
{
    public sealed record PriorityInput(int? Priority);

    public static void MapServiceLevelEndpoints(this RouteGroupBuilder api)
    {
        var policies = api.MapGroup("/sla-policies").WithTags("Service levels");
        policies.MapGet("", async (HttpContext h, SlaPolicyCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)));
        policies.MapPost("", async (SlaPolicyInput input, HttpContext h, SlaPolicyCommands c, CancellationToken ct) =>
        {
            var policy = await c.CreateAsync(h.User.Actor(), input, ct);
            return TypedResults.Created($"/api/sla-policies/{policy.Id}", policy);
        });
        policies.MapPut("/{id:int}", async (int id, SlaPolicyInput input, HttpContext h, SlaPolicyCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)));
        policies.MapDelete("/{id:int}", async (int id, HttpContext h, SlaPolicyCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });

        api.MapGet("/interactions/{id:long}/sla", async (long id, HttpContext h, InteractionClocks c, CancellationToken ct) =>
            TypedResults.Ok(await c.ListAsync(h.User.Actor(), id, ct))).WithTags("Service levels");
        api.MapPut("/interactions/{id:long}/priority", async (long id, PriorityInput input, HttpContext h, SetPriority c, CancellationToken ct) =>
        {
            await c.RunAsync(h.User.Actor(), id, input.Priority, ct);
            return TypedResults.NoContent();
        }).WithTags("Service levels");
    }
}
