using Mailroom.Core.Common;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// Stores a file the agent attaches, once, in the blob store; compose requests and notes name it by the id
/// returned here, which only its uploader can use (<see cref="UploadTickets"/>).
/// </summary>
public sealed class StoreUpload(BlobStore blobs, UploadTickets tickets)
{
    public async Task<UploadView> RunAsync(Actor actor, string fileName, string? contentType, long declaredSize, Stream content, CancellationToken ct)
    {
        // A content type is sent back in a header on every download: one with a line break would break them all.
        if (!string.IsNullOrWhiteSpace(contentType) && !MediaTypes.IsValid(contentType))
        {
            throw ValidationFailedException.For("file.contentType", "file.contentType is not a media type such as text/plain.");
        }

        // Checked before reading, so an oversized file is refused without buffering it.
        AttachmentLimits.Require("file", fileName, declaredSize);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        AttachmentLimits.Require("file", fileName, buffer.Length);
        var sha = await blobs.PutAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        return new UploadView(tickets.Issue(actor.UserId, sha), FileNames.Clean(fileName), buffer.Length,
            string.IsNullOrWhiteSpace(contentType) ? MediaTypes.Binary : contentType);
    }
}

public sealed record UploadView(string UploadId, string FileName, long Size, string ContentType);
