using Mailroom.Core.Accounts;
using Mailroom.Core.Mail.Held;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Mail.Inbound.Leases;
using Mailroom.Core.Storage;
using Mailroom.Server.Auth;
using Mailroom.Server.Media;

namespace Mailroom.Server.Api;

internal static class InboundEndpoints
{
    public static void MapInboundEndpoints(this RouteGroupBuilder api)
    {
        var inbound = api.MapGroup("").WithTags("Inbound mail");
        inbound.MapGet("/accounts/{id:int}/watcher", async (int id, HttpContext h, MailroomDb db, WatcherStatuses statuses, CancellationToken ct) =>
        {
            await db.RequireAccountAsync(h.User.Actor(), id, ct);
            return TypedResults.Ok(await statuses.GetAsync(id, ct));
        });
        inbound.MapGet("/accounts/{id:int}/ingest-problems", async (int id, HttpContext h, IngestProblems p, CancellationToken ct) =>
            TypedResults.Ok(await p.ListAsync(h.User.Actor(), id, ct)));
        inbound.MapPost("/accounts/{id:int}/ingest-problems/{problemId:long}/reprocess",
            async (int id, long problemId, HttpContext h, IngestProblems p, CancellationToken ct) =>
                TypedResults.Ok(await p.ReprocessAsync(h.User.Actor(), id, problemId, ct)));
        inbound.MapGet("/accounts/{id:int}/held", async (int id, HttpContext h, HeldMails held, CancellationToken ct) =>
            TypedResults.Ok(await held.ListAsync(h.User.Actor(), id, ct)));
        inbound.MapPost("/accounts/{id:int}/held/{heldId:long}/release", async (int id, long heldId, HttpContext h, HeldMails held, CancellationToken ct) =>
            TypedResults.Ok(new { MessageId = await held.ReleaseAsync(h.User.Actor(), id, heldId, ct) }));
        inbound.MapDelete("/accounts/{id:int}/held/{heldId:long}", async (int id, long heldId, HttpContext h, HeldMails held, CancellationToken ct) =>
        {
            await held.DeleteAsync(h.User.Actor(), id, heldId, ct);
            return TypedResults.NoContent();
        });
        inbound.MapPost("/accounts/{id:int}/held/{heldId:long}/block", async (int id, long heldId, bool? domain, HttpContext h, BlockSender block, CancellationToken ct) =>
            TypedResults.Ok(await block.FromHeldAsync(h.User.Actor(), id, heldId, domain ?? false, ct)));
        inbound.MapPost("/messages/{id:long}/block-sender", async (long id, bool? domain, HttpContext h, BlockSender block, CancellationToken ct) =>
            TypedResults.Ok(await block.FromMessageAsync(h.User.Actor(), id, domain ?? false, ct)));
        inbound.MapGet("/accounts/{id:int}/sender-rules", async (int id, HttpContext h, SenderRules rules, CancellationToken ct) =>
            TypedResults.Ok(await rules.ListAsync(h.User.Actor(), id, ct)));
        inbound.MapPost("/accounts/{id:int}/sender-rules", async (int id, SenderRuleInput input, HttpContext h, SenderRules rules, CancellationToken ct) =>
            TypedResults.Ok(await rules.SetAsync(h.User.Actor(), id, input, ct)));
        inbound.MapDelete("/accounts/{id:int}/sender-rules/{ruleId:long}", async (int id, long ruleId, HttpContext h, SenderRules rules, CancellationToken ct) =>
        {
            await rules.DeleteAsync(h.User.Actor(), id, ruleId, ct);
            return TypedResults.NoContent();
        });
        inbound.MapGet("/messages/{id:long}/raw", async (long id, HttpContext h, RawMessages raw, CancellationToken ct) =>
            SafeDownload.File(h, await raw.OpenAsync(h.User.Actor(), id, ct), "message/rfc822", $"{id}.eml", $"{id}.eml"));
    }
}
