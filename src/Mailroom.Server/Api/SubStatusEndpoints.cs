using Mailroom.Core.SubStatuses;
using Mailroom.Server.Auth;

namespace Mailroom.Server.Api;

/// <summary>Sub-statuses: the administrator's list, and "Set as" on an interaction (null clears).</summary>
internal static class SubStatusEndpoints
{
    public sealed record SetInput(int? SubStatusId);

    public static void MapSubStatusEndpoints(this RouteGroupBuilder api)
    {
        var statuses = api.MapGroup("/sub-statuses").WithTags("Sub-statuses");
        statuses.MapGet("", async (SubStatusCatalog c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(ct)));
        statuses.MapPost("", async (SubStatusInput input, HttpContext h, SubStatusCatalog c, CancellationToken ct) =>
        {
            var status = await c.CreateAsync(h.User.Actor(), input, ct);
            return TypedResults.Created($"/api/sub-statuses/{status.Id}", status);
        });
        statuses.MapPut("/{id:int}", async (int id, SubStatusInput input, HttpContext h, SubStatusCatalog c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)));
        statuses.MapDelete("/{id:int}", async (int id, HttpContext h, SubStatusCatalog c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });

        api.MapPut("/interactions/{id:long}/sub-status", async (long id, SetInput input, HttpContext h, SetSubStatus c, CancellationToken ct) =>
        {
            await c.RunAsync(h.User.Actor(), id, input.SubStatusId, ct);
            return TypedResults.NoContent();
        }).WithTags("Sub-statuses");
    }
}
