using Mailroom.Core.Common;
using Mailroom.Core.Mail.Outbound;
using Microsoft.AspNetCore.Components.Forms;

namespace Mailroom.Server.Components.Pages.Desktop;

/// <summary>A file picked in the browser stored as an upload, with the 15 MB limit checked before a byte moves.</summary>
internal static class FileUploads
{
    public const long MaxMb = AttachmentLimits.MaxBytes / (1024 * 1024);

    /// <summary>The words shown when the file is over the limit; null when it may be uploaded.</summary>
    public static string? TooLarge(IBrowserFile file) => file.Size > AttachmentLimits.MaxBytes
        ? $"{file.Name} is {file.Size / (1024.0 * 1024.0):0.0} MB; each attachment may be at most {MaxMb} MB."
        : null;

    public static async Task<UploadView> StoreAsync(UseCaseRunner useCases, Actor actor, IBrowserFile file)
    {
        await using var content = file.OpenReadStream(AttachmentLimits.MaxBytes);
        return await useCases.RunAsync<StoreUpload, UploadView>(u => u.RunAsync(actor, file.Name, file.ContentType, file.Size, content, default));
    }
}
