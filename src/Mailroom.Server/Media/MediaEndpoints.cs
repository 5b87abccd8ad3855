using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Server.Api;
using Mailroom.Server.Auth;
using Mailroom.Server.Hosting;

namespace Mailroom.Server.Media;

internal static class MediaEndpoints
{
    /// <summary>Message documents, attachments (signed-in users) and the images a message document shows (token).</summary>
    public static void MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        var messages = app.MapGroup("/api/messages").RequireSignIn().WithTags("Interactions").ProducesProblem(StatusCodes.Status404NotFound);

        // The sanitized document of one message, for a sandboxed iframe; ?images=true loads remote images through the proxy.
        messages.MapGet("/{id:long}/html", async (long id, bool? images, HttpContext h, MessageMedia media, CancellationToken ct) =>
        {
            var document = await media.DocumentAsync(h.User.Actor(), id, images == true, PublicOrigin.Of(h.Request), ct);
            h.Response.Headers.ContentSecurityPolicy = SafeHtml.Policy(PublicOrigin.Of(h.Request)) + "; sandbox";
            h.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Content(document, "text/html; charset=utf-8");
        }).WithName("getMessageDocument").WithSummary("A message's sanitized HTML, for a sandboxed frame; ?images=true shows remote images")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest);

        messages.MapGet("/{id:long}/attachments/{attachmentId:long}", async (long id, long attachmentId, HttpContext h, MessageMedia media, CancellationToken ct) =>
        {
            var file = await media.OpenAttachmentAsync(h.User.Actor(), id, attachmentId, ct);
            return SafeDownload.File(h, file.Content, file.ContentType, file.FileName, $"attachment-{attachmentId}");
        }).WithName("downloadAttachment").WithSummary("One attachment of a message").ProducesDownload();

        // Requested by the sandboxed message frame, which has no cookie: the token is the permission.
        app.MapGet("/media/{token}", async (string token, HttpContext h, MessageMedia media, RemoteImageProxy proxy, CancellationToken ct) =>
        {
            var grant = media.Redeem(token);
            SafeDownload.Protect(h.Response);
            h.Response.Headers.CacheControl = "private, max-age=3600";
            if (grant.RemoteUrl is not null)
            {
                return await proxy.FetchAsync(grant.RemoteUrl, ct);
            }

            var file = await media.OpenInlineAsync(grant, ct);
            return Results.Stream(file.Content, MediaTypes.ForDownload(file.ContentType));
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
