using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Api;

internal static class InteractionEndpoints
{
    public static void MapInteractionEndpoints(this RouteGroupBuilder api)
    {
        var interactions = api.MapGroup("/interactions").WithTags("Interactions");
        interactions.MapGet("", async (int? accountId, ListScope? scope, InteractionStatus? status, bool? unread, string? q, int? page, int? pageSize,
            HttpContext h, InteractionQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.ListAsync(h.User.Actor(),
                new InteractionFilter(accountId, scope ?? ListScope.All, status, unread, q, page ?? 0, pageSize ?? 50), ct)));
        interactions.MapGet("/{id:long}", async (long id, HttpContext h, InteractionQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.GetAsync(h.User.Actor(), id, ct)));

        // The sanitized HTML document of one message, for the desktop's sandboxed iframe.
        api.MapGet("/messages/{id:long}/html", async (long id, HttpContext h, MailroomDb db, CancellationToken ct) =>
        {
            var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
            if (message is null)
            {
                return Results.NotFound();
            }

            await db.RequireInteractionAsync(h.User.Actor(), message.InteractionId, ct);
            var body = message.HtmlBody is null ? System.Net.WebUtility.HtmlEncode(message.TextBody ?? "") : SafeHtml.Render(message.HtmlBody, id);
            h.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";
            h.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Content(SafeHtml.Document(body), "text/html; charset=utf-8");
        }).WithTags("Interactions");
    }
}
