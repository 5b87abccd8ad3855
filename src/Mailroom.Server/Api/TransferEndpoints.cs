using Mailroom.Core.Transfers;
using Mailroom.Server.Auth;

namespace Mailroom.Server.Api;

internal static class TransferEndpoints
{
    public sealed record ToAccountInput(int AccountId, int? ExpectedVersion);

    public sealed record ToQueueInput(int QueueId, int? ExpectedVersion);

    public sealed record ToAgentInput(int UserId, int? ExpectedVersion);

    public sealed record ToGroupInput(int GroupId, int? MemberId);

    public sealed record AssignInput(int? UserId);

    public sealed record TransferResponse(long InteractionId, int FromAccountId, int ToAccountId);

    public static void MapTransferEndpoints(this RouteGroupBuilder api)
    {
        var transfers = api.MapGroup("/interactions/{id:long}/transfer").WithTags("Transfers");
        transfers.MapPost("/account", async (long id, ToAccountInput input, HttpContext h, TransferToAccount transfer, CancellationToken ct) =>
        {
            var result = await transfer.RunAsync(h.User.Actor(), id, input.AccountId, input.ExpectedVersion, ct);
            return TypedResults.Ok(new TransferResponse(result.InteractionId, result.From.Id, result.To.Id));
        });
        transfers.MapPost("/queue", async (long id, ToQueueInput input, HttpContext h, TransferToQueue transfer, CancellationToken ct) =>
            TypedResults.Ok(await transfer.RunAsync(h.User.Actor(), id, input.QueueId, input.ExpectedVersion, ct)));
        transfers.MapPost("/agent", async (long id, ToAgentInput input, HttpContext h, TransferToAgent transfer, CancellationToken ct) =>
            TypedResults.Ok(await transfer.RunAsync(h.User.Actor(), id, input.UserId, input.ExpectedVersion, ct)));

        // One interaction to a group: refused with its reason as 409 (ProblemDetails "reason"), like the other transfers.
        transfers.MapPost("/group", async (long id, ToGroupInput input, HttpContext h, TransferToGroup transfer, CancellationToken ct) =>
        {
            var item = (await transfer.RunAsync(h.User.Actor(), new GroupTransferInput([id], input.GroupId, input.MemberId), ct)).Single();
            return item.Transferred
                ? Results.Ok(item)
                : Results.Problem(statusCode: item.Reason switch { "notFound" => 404, "forbidden" => 403, "invalid" => 400, _ => 409 },
                    title: "The transfer cannot happen.", detail: item.Message, extensions: new Dictionary<string, object?> { ["reason"] = item.Reason });
        });
        transfers.MapGet("/accounts", async (long id, HttpContext h, TransferTargets targets, CancellationToken ct) =>
            TypedResults.Ok(await targets.AccountsAsync(h.User.Actor(), id, ct)));
        transfers.MapGet("/targets", async (long id, HttpContext h, TransferTargets targets, CancellationToken ct) =>
            TypedResults.Ok(await targets.AllAsync(h.User.Actor(), id, ct)));

        var general = api.MapGroup("").WithTags("Transfers");
        // A batch: 200 with one result per interaction, each applied whole or not at all.
        general.MapPost("/transfers/group", async (GroupTransferInput input, HttpContext h, TransferToGroup transfer, CancellationToken ct) =>
            TypedResults.Ok(new { items = await transfer.RunAsync(h.User.Actor(), input, ct) }));
        general.MapGet("/transfers/mine", async (int? limit, HttpContext h, TransferViews views, CancellationToken ct) =>
            TypedResults.Ok(await views.TransferredAsync(h.User.Actor(), limit ?? 100, ct)));
        general.MapGet("/transfers/unassigned", async (int? accountId, HttpContext h, TransferViews views, CancellationToken ct) =>
            TypedResults.Ok(await views.UnassignedAsync(h.User.Actor(), accountId, ct)));
        general.MapGet("/interactions/{id:long}/transfers", async (long id, HttpContext h, TransferViews views, CancellationToken ct) =>
            TypedResults.Ok(await views.HopsAsync(h.User.Actor(), id, ct)));
        general.MapPost("/interactions/{id:long}/assign", async (long id, AssignInput? input, HttpContext h, AssignInteraction assign, CancellationToken ct) =>
        {
            await assign.RunAsync(h.User.Actor(), id, input?.UserId, ct);
            return TypedResults.NoContent();
        });
    }
}
