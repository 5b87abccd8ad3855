using Mailroom.Core.Dispositions;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>Dispositions: administrators edit them; <c>?accountId=</c> lists what an agent of that account may apply.</summary>
internal static class DispositionEndpoints
{
    public static void MapDispositionEndpoints(this RouteGroupBuilder api)
    {
        var dispositions = api.MapGroup("/dispositions").WithTags("Dispositions");
        dispositions.MapGet("", async (int? accountId, HttpContext h, DispositionCatalog c, CancellationToken ct) =>
            TypedResults.Ok(await c.ListAsync(h.User.Actor(), accountId, ct)))
            .WithName("listDispositions").WithSummary("The dispositions, or those an agent of ?accountId= may apply")
            .ProducesProblems(Status400BadRequest, Status404NotFound);
        dispositions.MapPost("", async (DispositionInput input, HttpContext h, DispositionCatalog c, CancellationToken ct) =>
        {
            var disposition = await c.CreateAsync(h.User.Actor(), input, ct);
            return TypedResults.Created($"/api/dispositions/{disposition.Id}", disposition);
        }).WithName("createDisposition").WithSummary("Create a disposition (administrators)").ProducesProblem(Status403Forbidden);
        dispositions.MapPut("/{id:int}", async (int id, DispositionInput input, HttpContext h, DispositionCatalog c, CancellationToken ct) =>
            TypedResults.Ok(await c.RenameAsync(h.User.Actor(), id, input, ct)))
            .WithName("renameDisposition").WithSummary("Rename a disposition (administrators)").ProducesProblems(Status403Forbidden, Status404NotFound);
        dispositions.MapDelete("/{id:int}", async (int id, HttpContext h, DispositionCatalog c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteDisposition").WithSummary("Delete a disposition (administrators; refused while it has lower levels or a plan closes with it)")
            .ProducesProblems(Status403Forbidden, Status404NotFound, Status409Conflict);
    }
}
