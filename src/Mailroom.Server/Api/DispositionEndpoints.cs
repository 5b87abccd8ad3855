using Mailroom.Core.Dispositions;
using Mailroom.Server.Auth;

namespace Mailroom.Server.Api;

/// <summary>Dispositions: administrators edit them; <c>?accountId=</c> lists what an agent of that account may apply.</summary>
internal static class DispositionEndpoints
{
    public static void MapDispositionEndpoints(this RouteGroupBuilder api)
    {
        var dispositions = api.MapGroup("/dispositions").WithTags("Dispositions");
        dispositions.MapGet("", async (int? accountId, HttpContext h, DispositionCatalog c, CancellationToken ct) =>
            TypedResults.Ok(await c.ListAsync(h.User.Actor(), accountId, ct)));
        dispositions.MapPost("", async (DispositionInput input, HttpContext h, DispositionCatalog c, CancellationToken ct) =>
        {
            var disposition = await c.CreateAsync(h.User.Actor(), input, ct);
            return TypedResults.Created($"/api/dispositions/{disposition.Id}", disposition);
        });
        dispositions.MapPut("/{id:int}", async (int id, DispositionInput input, HttpContext h, DispositionCatalog c, CancellationToken ct) =>
            TypedResults.Ok(await c.RenameAsync(h.User.Actor(), id, input, ct)));
        dispositions.MapDelete("/{id:int}", async (int id, HttpContext h, DispositionCatalog c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        });
    }
}
