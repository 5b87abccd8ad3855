using Mailroom.Core.Transfers;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

internal static class TransferEndpoints
{
    public sealed record ToAccountInput(int AccountId, int? ExpectedVersion);

    public sealed record ToQueueInput(int QueueId, int? ExpectedVersion);

    public sealed record ToAgentInput(int UserId, int? ExpectedVersion);

    public sealed record ToGroupInput(int GroupId, int? MemberId);

    public sealed record AssignInput(int? UserId);

    public sealed record TransferResponse(long InteractionId, int FromAccountId, int ToAccountId);

    /// <summary>One result per interaction of a batch.</summary>
    public sealed record GroupTransferResponse(IReadOnlyList<GroupTransferItem> Items);

    public static void MapTransferEndpoints(this RouteGroupBuilder api)
    {
        // A transfer is refused with 409 for what the interaction's state does not allow (changed meanwhile, closed, not enabled).
        var transfers = api.MapGroup("/interactions/{id:long}/transfer").WithTags("Transfers");
        transfers.MapPost("/account", async (long id, ToAccountInput input, HttpContext h, TransferToAccount transfer, CancellationToken ct) =>
        {
            var result = await transfer.RunAsync(h.User.Actor(), id, input.AccountId, input.ExpectedVersion, ct);
            return TypedResults.Ok(new TransferResponse(result.InteractionId, result.From.Id, result.To.Id));
        }).WithName("transferToAccount").WithSummary("Move an interaction to another email account").ProducesProblems(Status404NotFound, Status409Conflict);
        transfers.MapPost("/queue", async (long id, ToQueueInput input, HttpContext h, TransferToQueue transfer, CancellationToken ct) =>
            TypedResults.Ok(await transfer.RunAsync(h.User.Actor(), id, input.QueueId, input.ExpectedVersion, ct)))
            .WithName("transferToQueue").WithSummary("Put an interaction in a queue").ProducesTransferRefusals();
        transfers.MapPost("/agent", async (long id, ToAgentInput input, HttpContext h, TransferToAgent transfer, CancellationToken ct) =>
            TypedResults.Ok(await transfer.RunAsync(h.User.Actor(), id, input.UserId, input.ExpectedVersion, ct)))
            .WithName("transferToAgent").WithSummary("Offer an interaction to another agent").ProducesTransferRefusals();
        transfers.MapPost("/group", ToGroup)
            .WithName("transferToGroup").WithSummary("Transfer an interaction to a group, or to one member of it").ProducesTransferRefusals();
        transfers.MapGet("/accounts", async (long id, HttpContext h, TransferTargets targets, CancellationToken ct) =>
            TypedResults.Ok(await targets.AccountsAsync(h.User.Actor(), id, ct)))
            .WithName("listTransferAccounts").WithSummary("The accounts the interaction may be transferred to").ProducesProblem(Status404NotFound);
        transfers.MapGet("/targets", async (long id, HttpContext h, TransferTargets targets, CancellationToken ct) =>
            TypedResults.Ok(await targets.AllAsync(h.User.Actor(), id, ct)))
            .WithName("listTransferTargets").WithSummary("Every account, queue, agent and group the interaction may be transferred to")
            .ProducesProblem(Status404NotFound);

        var general = api.MapGroup("").WithTags("Transfers");
        // A batch: 200 with one result per interaction, each applied whole or not at all.
        general.MapPost("/transfers/group", async (GroupTransferInput input, HttpContext h, TransferToGroup transfer, CancellationToken ct) =>
            TypedResults.Ok(new GroupTransferResponse(await transfer.RunAsync(h.User.Actor(), input, ct))))
            .WithName("transferManyToGroup").WithSummary("Transfer several interactions to a group; each one succeeds or fails alone");
        general.MapGet("/transfers/mine", async (int? limit, HttpContext h, TransferViews views, CancellationToken ct) =>
            TypedResults.Ok(await views.TransferredAsync(h.User.Actor(), limit ?? 100, ct)))
            .WithName("listMyTransfers").WithSummary("The interactions the caller transferred, newest first").ProducesProblem(Status400BadRequest);
        general.MapGet("/transfers/unassigned", async (int? accountId, HttpContext h, TransferViews views, CancellationToken ct) =>
            TypedResults.Ok(await views.UnassignedAsync(h.User.Actor(), accountId, ct)))
            .WithName("listUnassigned").WithSummary("Open interactions nobody works on or is offered (supervisors)")
            .ProducesProblems(Status400BadRequest, Status403Forbidden);
        general.MapGet("/interactions/{id:long}/transfers", async (long id, HttpContext h, TransferViews views, CancellationToken ct) =>
            TypedResults.Ok(await views.HopsAsync(h.User.Actor(), id, ct)))
            .WithName("listTransferHops").WithSummary("Where an interaction has been transferred, in order").ProducesProblem(Status404NotFound);
        general.MapPost("/interactions/{id:long}/assign", async (long id, AssignInput? input, HttpContext h, AssignInteraction assign, CancellationToken ct) =>
        {
            await assign.RunAsync(h.User.Actor(), id, input?.UserId, ct);
            return TypedResults.NoContent();
        }).WithName("assignInteraction").WithSummary("Give an interaction to an agent, or take it over (no user id)").ProducesTransferRefusals();
    }

    // One interaction to a group: refused with its reason as the status and in the ProblemDetails "reason", like the other transfers.
    private static async Task<Results<Ok<GroupTransferItem>, ProblemHttpResult>> ToGroup(long id, ToGroupInput input, HttpContext h, TransferToGroup transfer,
        CancellationToken ct)
    {
        var item = (await transfer.RunAsync(h.User.Actor(), new GroupTransferInput([id], input.GroupId, input.MemberId), ct)).Single();
        return item.Transferred
            ? TypedResults.Ok(item)
            : TypedResults.Problem(statusCode: item.Reason switch { "notFound" => 404, "forbidden" => 403, "invalid" => 400, _ => 409 },
                title: "The transfer cannot happen.", detail: item.Message, extensions: new Dictionary<string, object?> { ["reason"] = item.Reason });
    }

    // Refused to who may not move it (403), for an interaction or target that is not there (404), or for its state (409).
    private static RouteHandlerBuilder ProducesTransferRefusals(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblems(Status403Forbidden, Status404NotFound, Status409Conflict);
}
