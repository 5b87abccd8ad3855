using System.Globalization;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Each attached file must not exceed 15 MB.</summary>
public static class AttachmentLimits
{
    public const long MaxBytes = 15L * 1024 * 1024;

    public static void Require(string field, string fileName, long size)
    {
        if (size > MaxBytes)
        {
            var mb = (size / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);
            throw ValidationFailedException.For(field, $"{field}: {fileName} is {mb} MB; the limit is {MaxBytes / (1024 * 1024)} MB");
        }
    }

    /// <summary>Resolves the uploads a compose request names, each checked against the limit.</summary>
    internal static IReadOnlyList<DraftAttachment> Resolve(IReadOnlyList<AttachmentInput>? inputs, BlobStore blobs, UploadTickets tickets, Actor actor)
    {
        var resolved = new List<DraftAttachment>();
        for (var i = 0; i < (inputs?.Count ?? 0); i++)
        {
            var input = inputs![i];
            var field = $"attachments[{i}]";
            if (tickets.Resolve(actor.UserId, input.UploadId) is not { } sha || !blobs.Exists(sha))
            {
                throw ValidationFailedException.For($"{field}.uploadId", $"{field}.uploadId was not found; upload the file first (POST /api/uploads).");
            }

            if (string.IsNullOrWhiteSpace(input.FileName))
            {
                throw ValidationFailedException.For($"{field}.fileName", $"{field}.fileName is required.");
            }

            if (input.ContentType is not null && !MediaTypes.IsValid(input.ContentType))
            {
                throw ValidationFailedException.For($"{field}.contentType", $"{field}.contentType is not a media type such as text/plain.");
            }

            var size = blobs.Size(sha);
            Require(field, input.FileName, size);
            var contentId = string.IsNullOrWhiteSpace(input.ContentId) ? null : input.ContentId.Trim('<', '>');
            resolved.Add(new DraftAttachment(sha, FileNames.Clean(input.FileName), input.ContentType ?? MediaTypes.Binary, size, contentId));
        }

        return resolved;
    }
}
