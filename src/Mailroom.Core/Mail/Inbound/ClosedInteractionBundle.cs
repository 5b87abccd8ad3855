using System.Globalization;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Mailroom.Core.Mail.Inbound;

/// <summary>
/// "Sample Scenario": when a customer answers a closed interaction, the new interaction carries the old
/// conversation as one .eml attachment (a multipart/digest of every message's raw bytes, oldest first), so
/// the agent sees the history without reopening the closed one.
/// </summary>
public static class ClosedInteractionBundle
{
    public static string FileName(long interactionId) => $"interaction-{interactionId.ToString(CultureInfo.InvariantCulture)}.eml";

    /// <summary>Writes the bundle to the blob store (before the caller commits) and returns it as an attachment row.</summary>
    public static async Task<Attachment> CreateAsync(MailroomDb db, BlobStore blobs, Interaction closed, string accountAddress, DateTime now, CancellationToken ct)
    {
        var shas = await db.Messages.AsNoTracking().Where(m => m.InteractionId == closed.Id)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.RawSha256).ToListAsync(ct);
        var digest = new Multipart("digest");
        foreach (var sha in shas)
        {
            await using var raw = blobs.OpenRead(sha);
            digest.Add(new MessagePart { Message = await MimeMessage.LoadAsync(raw, ct) });
        }

        var bundle = new MimeMessage { Subject = $"Closed interaction {closed.Id.ToString(CultureInfo.InvariantCulture)}: {closed.Subject}", Date = now, Body = digest };
        bundle.From.Add(new MailboxAddress("Mailroom", accountAddress));
        using var bytes = new MemoryStream();
        await bundle.WriteToAsync(bytes, ct);
        return new Attachment
        {
            FileName = FileName(closed.Id),
            ContentType = "message/rfc822",
            Size = bytes.Length,
            BlobSha256 = await blobs.PutAsync(bytes.ToArray(), ct),
        };
    }
}
