using Mailroom.Core.SubStatuses;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>Sub-statuses: the administrator's list, and "Set as" on an interaction (null clears).</summary>
internal static class SubStatusEndpoints
{
    public sealed record SetInput(int? SubStatusId);

    public static void MapSubStatusEndpoints(this RouteGroupBuilder api)
    {
        var statuses = api.MapGroup("/sub-statuses").WithTags("Sub-statuses");
        statuses.MapGet("", async (SubStatusCatalog c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(ct)))
            .WithName("listSubStatuses").WithSummary("The sub-statuses");
        statuses.MapPost("", async (SubStatusInput input, HttpContext h, SubStatusCatalog c, CancellationToken ct) =>
        {
            var status = await c.CreateAsync(h.User.Actor(), input, ct);
            return TypedResults.Created($"/api/sub-statuses/{status.Id}", status);
        }).WithName("createSubStatus").WithSummary("Create a sub-status (administrators)").ProducesProblem(Status403Forbidden);
        statuses.MapPut("/{id:int}", async (int id, SubStatusInput input, HttpContext h, SubStatusCatalog c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)))
            .WithName("updateSubStatus").WithSummary("Rename a sub-status (administrators)").ProducesProblems(Status403Forbidden, Status404NotFound);
        statuses.MapDelete("/{id:int}", async (int id, HttpContext h, SubStatusCatalog c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteSubStatus").WithSummary("Delete a sub-status (administrators; not the built-in one, nor one a plan sets)")
            .ProducesProblems(Status403Forbidden, Status404NotFound, Status409Conflict);

        api.MapPut("/interactions/{id:long}/sub-status", async (long id, SetInput input, HttpContext h, SetSubStatus c, CancellationToken ct) =>
        {
            await c.RunAsync(h.User.Actor(), id, input.SubStatusId, ct);
            return TypedResults.NoContent();
        }).WithTags("Sub-statuses")
            .WithName("setInteractionSubStatus").WithSummary("Set an open interaction's sub-status (null clears it)").ProducesProblems(Status404NotFound, Status409Conflict);
    }
}
