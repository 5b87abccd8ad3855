using Mailroom.Core.Transfers;
using Mailroom.Server.Auth;

namespace Mailroom.Server.Api;

internal static class TransferEndpoints
{
    public sealed record ToAccountInput(int AccountId, int? ExpectedVersion);

    public sealed record TransferResponse(long InteractionId, int FromAccountId, int ToAccountId);

    public static void MapTransferEndpoints(this RouteGroupBuilder api)
    {
        var transfers = api.MapGroup("/interactions/{id:long}/transfer").WithTags("Transfers");
        transfers.MapPost("/account", async (long id, ToAccountInput input, HttpContext h, TransferToAccount transfer, CancellationToken ct) =>
        {
            var result = await transfer.RunAsync(h.User.Actor(), id, input.AccountId, input.ExpectedVersion, ct);
            return TypedResults.Ok(new TransferResponse(result.InteractionId, result.From.Id, result.To.Id));
        });
    }
}
