using Mailroom.Core.Queues;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

internal static class QueueEndpoints
{
    public static void MapQueueEndpoints(this RouteGroupBuilder api)
    {
        var queues = api.MapGroup("/queues").WithTags("Queues");
        queues.MapGet("", async (HttpContext h, QueueCommands c, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(h.User.Actor(), ct)))
            .WithName("listQueues").WithSummary("The queues serving the caller's accounts or with the caller in them");
        queues.MapGet("/{id:int}", async (int id, HttpContext h, QueueCommands c, CancellationToken ct) => TypedResults.Ok(await c.GetAsync(h.User.Actor(), id, ct)))
            .WithName("getQueue").WithSummary("One queue").ProducesProblem(Status404NotFound);
        queues.MapPost("", Create).WithName("createQueue").WithSummary("Create a queue (administrators)").ProducesProblem(Status403Forbidden);
        queues.MapPut("/{id:int}", async (int id, QueueInput input, HttpContext h, QueueCommands c, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAsync(h.User.Actor(), id, input, ct)))
            .WithName("updateQueue").WithSummary("Change a queue (administrators)").ProducesProblems(Status403Forbidden, Status404NotFound);
        queues.MapDelete("/{id:int}", async (int id, HttpContext h, QueueCommands c, CancellationToken ct) =>
        {
            await c.DeleteAsync(h.User.Actor(), id, ct);
            return TypedResults.NoContent();
        }).WithName("deleteQueue").WithSummary("Delete a queue (administrators)").ProducesProblems(Status403Forbidden, Status404NotFound);
    }

    private static async Task<Created<QueueView>> Create(QueueInput input, HttpContext h, QueueCommands c, CancellationToken ct)
    {
        var queue = await c.CreateAsync(h.User.Actor(), input, ct);
        return TypedResults.Created($"/api/queues/{queue.Id}", queue);
    }
}
