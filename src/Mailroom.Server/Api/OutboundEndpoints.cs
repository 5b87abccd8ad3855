using Mailroom.Core.Common;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Storage;
using Mailroom.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Mailroom.Server.Api;

/// <summary>Reply, reply all, forward, new message, attachments and delivery state.</summary>
internal static class OutboundEndpoints
{
    /// <summary>
    /// The multipart limit, well above the 15 MB attachment limit: an oversized file must reach the use case
    /// and get its 400 naming the file, not a bare 413. (Kestrel's own 30 MB body limit is also above it.)
    /// </summary>
    public const long UploadRequestLimit = 28L * 1024 * 1024;

    public static void MapOutboundEndpoints(this RouteGroupBuilder api)
    {
        var outbound = api.MapGroup("").WithTags("Outbound mail");
        outbound.MapPost("/interactions/{id:long}/reply", async (long id, ComposeInput input, HttpContext h, Reply c, CancellationToken ct) =>
            Queued(await c.RunAsync(h.User.Actor(), id, Keyed(input, h), ct)))
            .WithName("reply").WithSummary("Reply to the customer; the answer says where to follow its delivery").ProducesAnswerRefusals();
        outbound.MapPost("/interactions/{id:long}/reply-all", async (long id, ComposeInput input, HttpContext h, ReplyAll c, CancellationToken ct) =>
            Queued(await c.RunAsync(h.User.Actor(), id, Keyed(input, h), ct)))
            .WithName("replyAll").WithSummary("Reply to the customer and everyone else on the message").ProducesAnswerRefusals();
        outbound.MapPost("/interactions/{id:long}/forward", async (long id, ComposeInput input, HttpContext h, Forward c, CancellationToken ct) =>
            Queued(await c.RunAsync(h.User.Actor(), id, Keyed(input, h), ct)))
            .WithName("forward").WithSummary("Forward a message of the interaction").ProducesAnswerRefusals();
        // 409: the Idempotency-Key was already used for another message.
        outbound.MapPost("/messages", async (ComposeInput input, HttpContext h, NewMessage c, CancellationToken ct) =>
            Queued(await c.RunAsync(h.User.Actor(), Keyed(input, h), ct)))
            .WithName("sendNewMessage").WithSummary("Write to a customer from an account: a new interaction")
            .ProducesProblems(Status404NotFound, Status409Conflict);
        outbound.MapPost("/messages/{id:long}/retry", async (long id, HttpContext h, RetryDelivery c, CancellationToken ct) =>
            TypedResults.Ok(await c.RunAsync(h.User.Actor(), id, ct)))
            .WithName("retryDelivery").WithSummary("Send a failed message again").ProducesProblems(Status404NotFound, Status409Conflict);
        outbound.MapPost("/messages/{id:long}/undo", async (long id, HttpContext h, UndoSend c, CancellationToken ct) =>
            TypedResults.Ok(await c.RunAsync(h.User.Actor(), id, ct)))
            .WithName("undoSend").WithSummary("Take back the caller's message while it is still held before sending").ProducesAnswerRefusals();
        outbound.MapGet("/messages/{id:long}/delivery", async (long id, HttpContext h, MailroomDb db, CancellationToken ct) =>
            TypedResults.Ok(await DeliveryView.GetAsync(db, h.User.Actor(), id, ct)))
            .WithName("getDelivery").WithSummary("Where an outgoing message is: queued, sending, sent, failed, bounced").ProducesProblem(Status404NotFound);
        outbound.MapPost("/uploads", Upload).DisableAntiforgery()
            .WithName("uploadAttachment").WithSummary("Upload a file (multipart/form-data, field \"file\") to attach to a message")
            .Accepts<IFormFile>("multipart/form-data").ProducesValidationProblem().ProducesProblem(Status413PayloadTooLarge);
    }

    // Answering is refused to who may not answer (403), or while the interaction's state does not allow it (409).
    private static RouteHandlerBuilder ProducesAnswerRefusals(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblems(Status403Forbidden, Status404NotFound, Status409Conflict);

    /// <summary>A send repeated with the same <c>Idempotency-Key</c> answers with the first one's message (<see cref="SendOnce"/>).</summary>
    private static ComposeInput Keyed(ComposeInput input, HttpContext h) =>
        h.Request.Headers.TryGetValue(SendOnce.Header, out var key) ? input with { IdempotencyKey = key.ToString() } : input;

    private static Accepted<QueuedMessage> Queued(QueuedMessage queued) =>
        TypedResults.Accepted($"/api/messages/{queued.MessageId}/delivery", queued);

    private static async Task<Ok<UploadView>> Upload(HttpRequest request, StoreUpload upload, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            throw ValidationFailedException.For("file", "file: send the file as multipart/form-data.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException ex)
        {
            throw ValidationFailedException.For("file", $"file: {ex.Message} Each attachment may be at most {AttachmentLimits.MaxBytes / (1024 * 1024)} MB.");
        }

        var file = form.Files.GetFile("file") ?? throw ValidationFailedException.For("file", "file is required.");
        await using var content = file.OpenReadStream();
        return TypedResults.Ok(await upload.RunAsync(request.HttpContext.User.Actor(), file.FileName, file.ContentType, file.Length, content, ct));
    }
}
