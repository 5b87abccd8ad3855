using System.Globalization;
using System.Security.Cryptography;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Interactions;

/// <summary>A file to send to the browser.</summary>
public sealed record MediaFile(Stream Content, string FileName, string ContentType);

/// <summary>
/// What a media token grants: one inline part of one message, one remote image URL found in it, or the preview
/// of one image attachment.
/// </summary>
public sealed record MediaGrant(long MessageId, string? ContentId, Uri? RemoteUrl, long? AttachmentId = null);

/// <summary>
/// What a message shows besides its text: its HTML as a safe document, its attachments, its inline images and,
/// on request, its remote images. A sandboxed iframe has an opaque origin, so the browser sends no cookie with
/// the image requests it makes; those URLs therefore carry a short-lived token, issued only to someone who may
/// read the message, that names exactly one image.
/// </summary>
public sealed class MessageMedia(MailroomDb db, BlobStore blobs, IDataProtectionProvider protection, SanitizedBodies sanitized, TimeProvider time)
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(8);

    private readonly IDataProtector _tokens = protection.CreateProtector("Mailroom.MessageMedia");

    /// <summary>The message's HTML (or its text, escaped) as a complete, sanitized iframe document.</summary>
    public async Task<string> DocumentAsync(Actor actor, long messageId, bool showImages, string ownOrigin, CancellationToken ct)
    {
        var message = await RequireMessageAsync(actor, messageId, ct);
        return Document(message.Id, message.HtmlBody, message.TextBody, showImages, ownOrigin);
    }

    /// <summary>Documents of several messages of one interaction the caller already may read.</summary>
    public async Task<Dictionary<long, string>> DocumentsAsync(Actor actor, long interactionId, bool showImages, string ownOrigin, CancellationToken ct)
    {
        await db.RequireInteractionAsync(actor, interactionId, ct);
        var bodies = await db.Messages.AsNoTracking().Where(m => m.InteractionId == interactionId && m.HtmlBody != null)
            .Select(m => new { m.Id, m.HtmlBody, m.TextBody }).ToListAsync(ct);
        return bodies.ToDictionary(m => m.Id, m => Document(m.Id, m.HtmlBody, m.TextBody, showImages, ownOrigin));
    }

    /// <summary>
    /// Preview URLs of the raster image attachments of an interaction the caller may read, by attachment id.
    /// Previews go through the image path like inline parts; the download URL stays a download.
    /// </summary>
    public async Task<Dictionary<long, string>> PreviewsAsync(Actor actor, long interactionId, string ownOrigin, CancellationToken ct)
    {
        await db.RequireInteractionAsync(actor, interactionId, ct);
        var files = await db.Attachments.AsNoTracking()
            .Where(a => !a.IsInline && db.Messages.Any(m => m.Id == a.MessageId && m.InteractionId == interactionId))
            .Select(a => new { a.Id, a.MessageId, a.ContentType }).ToListAsync(ct);
        return files.Where(a => MediaTypes.IsSafeImage(a.ContentType))
            .ToDictionary(a => a.Id, a => $"{ownOrigin}/media/{Token("att", a.MessageId, a.Id.ToString(CultureInfo.InvariantCulture))}");
    }

    public async Task<MediaFile> OpenAttachmentAsync(Actor actor, long messageId, long attachmentId, CancellationToken ct)
    {
        await RequireMessageAsync(actor, messageId, ct);
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.MessageId == messageId, ct)
            ?? throw new NotFoundException($"Attachment {attachmentId}");
        return new MediaFile(blobs.OpenRead(attachment.BlobSha256), attachment.FileName, attachment.ContentType);
    }

    /// <summary>Checks a token from an image URL; an expired or forged one is a 404, like a missing image.</summary>
    public MediaGrant Redeem(string token)
    {
        string payload;
        try
        {
            payload = _tokens.Unprotect(token);
        }
        catch (CryptographicException)
        {
            throw new NotFoundException("Image");
        }

        // kind \n expiry (unix seconds) \n message id \n value; the value (a URL, a Content-ID) goes last, as it may hold anything.
        var parts = payload.Split('\n', 4);
        if (long.Parse(parts[1], CultureInfo.InvariantCulture) < time.GetUtcNow().ToUnixTimeSeconds())
        {
            throw new NotFoundException("Image");
        }

        var messageId = long.Parse(parts[2], CultureInfo.InvariantCulture);
        return parts[0] switch
        {
            "cid" => new MediaGrant(messageId, parts[3], null),
            "att" => new MediaGrant(messageId, null, null, long.Parse(parts[3], CultureInfo.InvariantCulture)),
            _ => new MediaGrant(messageId, null, new Uri(parts[3])),
        };
    }

    /// <summary>An inline part or attachment preview named by a redeemed token; only raster images are served inline.</summary>
    public async Task<MediaFile> OpenInlineAsync(MediaGrant grant, CancellationToken ct)
    {
        var parts = db.Attachments.AsNoTracking().Where(a => a.MessageId == grant.MessageId && a.ContentType.StartsWith("image/"));
        var part = await (grant.AttachmentId is { } id ? parts.Where(a => a.Id == id) : parts.Where(a => a.ContentId == grant.ContentId)).FirstOrDefaultAsync(ct);
        return part is null || !MediaTypes.IsSafeImage(part.ContentType)
            ? throw new NotFoundException("Image")
            : new MediaFile(blobs.OpenRead(part.BlobSha256), part.FileName, part.ContentType);
    }

    private string Document(long messageId, string? html, string? text, bool showImages, string ownOrigin)
    {
        var body = html is null ? Preformatted(text)
            : !SanitizedBodies.CanRender(html) ? $"<p><em>{TooComplexNotice}</em></p>{Preformatted(text)}"
            : sanitized.Render(messageId, html, showImages, ownOrigin, () => new ImageSources(
                cid => $"{ownOrigin}/media/{Token("cid", messageId, cid)}",
                showImages ? url => $"{ownOrigin}/media/{Token("remote", messageId, url)}" : null));
        return SafeHtml.Document(body, ownOrigin);
    }

    /// <summary>Shown above the mail's text when its HTML is too large or nests too deeply to be made safe in reasonable time.</summary>
    public const string TooComplexNotice = "This message's formatting is too large or nested too deeply to show safely; here is its text. Download the original to see it as sent.";

    private static string Preformatted(string? text) => $"<pre>{System.Net.WebUtility.HtmlEncode(text ?? "")}</pre>";

    private string Token(string kind, long messageId, string value) => _tokens.Protect(string.Create(CultureInfo.InvariantCulture,
        $"{kind}\n{(time.GetUtcNow() + TokenLifetime).ToUnixTimeSeconds()}\n{messageId}\n{value}"));

    private async Task<Message> RequireMessageAsync(Actor actor, long messageId, CancellationToken ct)
    {
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, ct)
            ?? throw new NotFoundException($"Message {messageId}");
        await db.RequireInteractionAsync(actor, message.InteractionId, ct);
        return message;
    }
}
