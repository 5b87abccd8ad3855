using Mailroom.Core.Closing;
using Mailroom.Core.Interactions;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>Close (and dispose), dispose a closed one, reopen, read and unread.</summary>
internal static class ClosingEndpoints
{
    public sealed record DisposeInput(int? DispositionId);

    public static void MapClosingEndpoints(this RouteGroupBuilder api)
    {
        var closing = api.MapGroup("/interactions/{id:long}").WithTags("Closing").ProducesProblem(Status404NotFound);
        closing.MapPost("/close", async (long id, CloseInput? input, HttpContext h, CloseInteraction c, CancellationToken ct) =>
        {
            await c.RunAsync(h.User.Actor(), id, input ?? new CloseInput(), ct);
            return TypedResults.NoContent();
        }).WithName("closeInteraction").WithSummary("Close an interaction, with its disposition where the account asks for one")
            .ProducesProblem(Status409Conflict);
        closing.MapPut("/disposition", async (long id, DisposeInput input, HttpContext h, DisposeInteraction c, CancellationToken ct) =>
            TypedResults.Ok(await c.RunAsync(h.User.Actor(), id, input.DispositionId, ct)))
            .WithName("disposeInteraction").WithSummary("Set the disposition of a closed interaction")
            .ProducesProblem(Status409Conflict);
        closing.MapPost("/reopen", async (long id, HttpContext h, ReopenInteraction c, CancellationToken ct) =>
            TypedResults.Ok(await c.RunAsync(h.User.Actor(), id, ct)))
            .WithName("reopenInteraction").WithSummary("Reopen a closed interaction")
            .ProducesProblem(Status409Conflict);
        closing.MapPost("/read", async (long id, HttpContext h, ReadState c, CancellationToken ct) =>
        {
            await c.MarkReadAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("markInteractionRead").WithSummary("Mark an interaction read");
        closing.MapPost("/unread", async (long id, HttpContext h, ReadState c, CancellationToken ct) =>
        {
            await c.MarkUnreadAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("markInteractionUnread").WithSummary("Mark an interaction unread, where its account allows it")
            .ProducesProblem(Status409Conflict);
    }
}
