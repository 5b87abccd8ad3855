using System.IO.Compression;
using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Mailroom.Core.Exports;

/// <summary>
/// "Download with / without attachments": a zip of the thread's messages as numbered <c>.eml</c> files.
/// With attachments each file is the stored raw message byte for byte (incoming as received, outgoing as
/// generated and sent) and the attachments are added as files too; without them, the attachment parts are cut
/// out of each message.
/// </summary>
public sealed class InteractionArchive(MailroomDb db, BlobStore blobs, TimeProvider time)
{
    public async Task WriteAsync(Actor actor, long interactionId, bool withAttachments, Stream output, CancellationToken ct)
    {
        await db.RequireInteractionAsync(actor, interactionId, ct);
        db.Audit(actor, "exported", $"interaction {interactionId}", withAttachments ? "raw mail (.eml) with attachments" : "raw mail (.eml)", time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        var messages = await db.Messages.AsNoTracking().Where(m => m.InteractionId == interactionId).Include(m => m.Attachments)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var number = 0;
        foreach (var message in messages)
        {
            var name = $"{++number:D3}";
            var entry = zip.CreateEntry($"{name}.eml", CompressionLevel.Fastest);
            await using (var target = await entry.OpenAsync(ct))
            await using (var raw = blobs.OpenRead(message.RawSha256))
            {
                if (withAttachments)
                {
                    await raw.CopyToAsync(target, ct);
                }
                else
                {
                    var mime = await MimeMessage.LoadAsync(raw, ct);
                    WithoutAttachments(mime);
                    await mime.WriteToAsync(target, ct);
                }
            }

            if (!withAttachments)
            {
                continue;
            }

            foreach (var attachment in message.Attachments.Where(a => !a.IsInline && blobs.Exists(a.BlobSha256)))
            {
                var file = zip.CreateEntry($"{name}-attachments/{SafeName(attachment.FileName)}", CompressionLevel.Fastest);
                await using var target = await file.OpenAsync(ct);
                await using var content = blobs.OpenRead(attachment.BlobSha256);
                await content.CopyToAsync(target, ct);
            }
        }
    }

    private static void WithoutAttachments(MimeMessage mime)
    {
        using var iter = new MimeIterator(mime);
        var doomed = new List<(Multipart Parent, MimeEntity Part)>();
        while (iter.MoveNext())
        {
            if (iter.Parent is Multipart parent && iter.Current is MimePart { IsAttachment: true } part)
            {
                doomed.Add((parent, part));
            }
        }

        foreach (var (parent, part) in doomed)
        {
            parent.Remove(part);
        }
    }

    /// <summary>A file name that cannot climb out of its folder in the zip.</summary>
    public static string SafeName(string name)
    {
        var safe = new string(Path.GetFileName(name.Replace('\\', '/')).Select(c => char.IsControl(c) || c is '/' or ':' ? '_' : c).ToArray()).Trim();
        return safe is "" or "." or ".." ? "attachment" : safe;
    }
}
