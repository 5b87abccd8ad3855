using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Mail.Held;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Mail.Inbound.Leases;
using Mailroom.Core.Storage;
using Mailroom.Server.Auth;
using Mailroom.Server.Media;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

internal static class InboundEndpoints
{
    /// <summary>The message a released mail became.</summary>
    public sealed record ReleasedMail(long MessageId);

    public static void MapInboundEndpoints(this RouteGroupBuilder api)
    {
        // Every path names an account or a message, which is a 404 for a caller who may not see it.
        var inbound = api.MapGroup("").WithTags("Inbound mail").ProducesProblem(Status404NotFound);
        inbound.MapGet("/accounts/{id:int}/watcher", async (int id, HttpContext h, MailroomDb db, WatcherStatuses statuses, CancellationToken ct) =>
        {
            await db.RequireAccountAsync(h.User.Actor(), id, ct);
            return TypedResults.Ok(await statuses.GetAsync(id, ct));
        }).WithName("getWatcherStatus").WithSummary("How the account's mailbox watcher is doing");
        inbound.MapGet("/accounts/{id:int}/ingest-problems", async (int id, HttpContext h, IngestProblems p, CancellationToken ct) =>
            TypedResults.Ok(await p.ListAsync(h.User.Actor(), id, ct)))
            .WithName("listIngestProblems").WithSummary("Mails of the account that could not be read in (supervisors)").ProducesProblem(Status403Forbidden);
        inbound.MapPost("/accounts/{id:int}/ingest-problems/{problemId:long}/reprocess",
            async (int id, long problemId, HttpContext h, IngestProblems p, CancellationToken ct) =>
                TypedResults.Ok(await p.ReprocessAsync(h.User.Actor(), id, problemId, ct)))
            .WithName("reprocessIngestProblem").WithSummary("Read a problem mail in again (supervisors)").ProducesSupervisorRefusals();
        inbound.MapGet("/accounts/{id:int}/held", async (int id, HttpContext h, HeldMails held, CancellationToken ct) =>
            TypedResults.Ok(await held.ListAsync(h.User.Actor(), id, ct)))
            .WithName("listHeldMails").WithSummary("Mails of the account held back (bounces, automatic replies, spam, floods, blocked senders)")
            .ProducesProblem(Status403Forbidden);
        inbound.MapPost("/accounts/{id:int}/held/{heldId:long}/release", async (int id, long heldId, HttpContext h, HeldMails held, CancellationToken ct) =>
            TypedResults.Ok(new ReleasedMail(await held.ReleaseAsync(h.User.Actor(), id, heldId, ct))))
            .WithName("releaseHeldMail").WithSummary("Let a held mail in as if it had just arrived (supervisors)").ProducesSupervisorRefusals();
        inbound.MapDelete("/accounts/{id:int}/held/{heldId:long}", async (int id, long heldId, HttpContext h, HeldMails held, CancellationToken ct) =>
        {
            await held.DeleteAsync(h.User.Actor(), id, heldId, ct);
            return TypedResults.NoContent();
        }).WithName("deleteHeldMail").WithSummary("Forget a held mail (supervisors)").ProducesProblem(Status403Forbidden);
        inbound.MapPost("/accounts/{id:int}/held/{heldId:long}/block", async (int id, long heldId, bool? domain, HttpContext h, BlockSender block, CancellationToken ct) =>
            TypedResults.Ok(await block.FromHeldAsync(h.User.Actor(), id, heldId, domain ?? false, ct)))
            .WithName("blockSenderOfHeldMail").WithSummary("Block the sender (or ?domain=true their domain) of a held mail (supervisors)")
            .ProducesProblem(Status400BadRequest).ProducesSupervisorRefusals();
        inbound.MapPost("/messages/{id:long}/block-sender", async (long id, bool? domain, HttpContext h, BlockSender block, CancellationToken ct) =>
            TypedResults.Ok(await block.FromMessageAsync(h.User.Actor(), id, domain ?? false, ct)))
            .WithName("blockSenderOfMessage").WithSummary("Block the sender (or ?domain=true their domain) of a received message (supervisors)")
            .ProducesProblem(Status400BadRequest).ProducesSupervisorRefusals();
        inbound.MapGet("/accounts/{id:int}/sender-rules", async (int id, HttpContext h, SenderRules rules, CancellationToken ct) =>
            TypedResults.Ok(await rules.ListAsync(h.User.Actor(), id, ct)))
            .WithName("listSenderRules").WithSummary("The account's blocked and allowed senders (supervisors)").ProducesProblem(Status403Forbidden);
        inbound.MapPost("/accounts/{id:int}/sender-rules", async (int id, SenderRuleInput input, HttpContext h, SenderRules rules, CancellationToken ct) =>
            TypedResults.Ok(await rules.SetAsync(h.User.Actor(), id, input, ct)))
            .WithName("setSenderRule").WithSummary("Block or allow a sender or domain on the account (administrators)").ProducesProblem(Status403Forbidden);
        inbound.MapDelete("/accounts/{id:int}/sender-rules/{ruleId:long}", async (int id, long ruleId, HttpContext h, SenderRules rules, CancellationToken ct) =>
        {
            await rules.DeleteAsync(h.User.Actor(), id, ruleId, ct);
            return TypedResults.NoContent();
        }).WithName("deleteSenderRule").WithSummary("Remove a sender rule (administrators)").ProducesProblem(Status403Forbidden);
        inbound.MapGet("/messages/{id:long}/raw", async (long id, HttpContext h, RawMessages raw, CancellationToken ct) =>
            SafeDownload.File(h, await raw.OpenAsync(h.User.Actor(), id, ct), "message/rfc822", $"{id}.eml", $"{id}.eml"))
            .WithName("downloadRawMessage").WithSummary("A message as it was received, as an .eml file (served as bytes)")
            .Produces<Stream>(Status200OK, MediaTypes.Binary);
    }

    // A supervisor's action that the state of the mail can refuse: already re-processed, still unreadable, no sender to block.
    private static RouteHandlerBuilder ProducesSupervisorRefusals(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblems(Status403Forbidden, Status409Conflict);
}
