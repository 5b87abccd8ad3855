using Mailroom.Core.Audit;
using Mailroom.Server.Auth;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>The audit log of administration and security events (administrators): search, and CSV of everything that matches.</summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit log").ProducesProblem(Status403Forbidden);
        audit.MapGet("", async (string? q, DateTime? from, DateTime? to, int? actorUserId, int? limit, HttpContext h, AuditLog log, CancellationToken ct) =>
            TypedResults.Ok(await log.SearchAsync(h.User.Actor(), new AuditQuery(q, Utc(from), Utc(to), actorUserId, limit ?? AuditLog.DefaultLimit), ct)))
            .WithName("searchAudit").WithSummary("Audit entries, newest first: sign-ins, people, roles, memberships, settings, plans, exports, deletions");
        api.MapGet("/audit.csv", async (string? q, DateTime? from, DateTime? to, int? actorUserId, HttpContext h, AuditLog log, CancellationToken ct) =>
        {
            h.Response.ContentType = ExportEndpoints.Csv;
            h.Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
            await log.WriteCsvAsync(h.User.Actor(), new AuditQuery(q, Utc(from), Utc(to), actorUserId), h.Response.Body, ct);
        }).WithTags("Audit log").WithName("exportAudit").WithSummary("The matching audit entries as CSV")
            .Produces<string>(Status200OK, ExportEndpoints.CsvMediaType).ProducesProblem(Status403Forbidden);
    }

    private static DateTime? Utc(DateTime? at) => at is { } t ? t.ToUniversalTime() : null;
}
