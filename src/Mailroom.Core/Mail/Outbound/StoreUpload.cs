using Mailroom.Core.Storage;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Stores a file the agent attaches, once, in the blob store; compose requests name it by its id.</summary>
public sealed class StoreUpload(BlobStore blobs)
{
    public async Task<UploadView> RunAsync(string fileName, string? contentType, long declaredSize, Stream content, CancellationToken ct)
    {
        // Checked before reading, so an oversized file is refused without buffering it.
        AttachmentLimits.Require("file", fileName, declaredSize);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        AttachmentLimits.Require("file", fileName, buffer.Length);
        var sha = await blobs.PutAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        return new UploadView(sha, Path.GetFileName(fileName), buffer.Length, string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType);
    }
}

public sealed record UploadView(string UploadId, string FileName, long Size, string ContentType);
