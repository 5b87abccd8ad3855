using System.Globalization;
using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Exports.Transcript;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Exports;

/// <summary>
/// The PDF transcript of an interaction (003): every message in order with its header lines and text, and
/// optionally the list of its attachments (name, type, size). Drawn with SkiaSharp's PDF backend and shaped with
/// HarfBuzz (both MIT) in fonts embedded in Mailroom.Core (<see cref="TranscriptFace"/>), so it needs no installed
/// font and no licence key: Latin, Greek, Cyrillic, Chinese, Japanese, Korean, emoji, and Arabic and Hebrew joined
/// and right to left.
/// </summary>
public sealed class InteractionTranscript(MailroomDb db, TimeProvider time)
{
    public async Task WriteAsync(Actor actor, long interactionId, bool listAttachments, Stream output, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        db.Audit(actor, "exported", $"interaction {interactionId}", "PDF transcript", time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        var messages = await db.Messages.AsNoTracking().Where(m => m.InteractionId == interactionId).Include(m => m.Attachments)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
        var paragraphs = new List<TranscriptParagraph>
        {
            new($"Interaction {interactionId}: {interaction.Subject}", Size: 14, Bold: true),
            new($"Created {Stamp(interaction.CreatedAt)} - {interaction.Status}", Size: 9),
        };
        foreach (var m in messages)
        {
            paragraphs.Add(new($"{(m.Direction == MessageDirection.Incoming ? "From" : "Sent by")} {m.FromName} <{m.From}> - {Stamp(m.CreatedAt)}", Bold: true, GapBefore: true));
            paragraphs.Add(new($"To: {m.To}" + (m.Cc.Length > 0 ? $"   Cc: {m.Cc}" : ""), Size: 9));
            paragraphs.Add(new($"Subject: {m.Subject}", Size: 9));
            paragraphs.Add(new(m.TextBody ?? ""));
            if (listAttachments && m.Attachments.Count > 0)
            {
                paragraphs.Add(new("Attachments: " + string.Join("; ", m.Attachments.Select(a => $"{a.FileName} ({a.ContentType}, {a.Size:N0} bytes)")), Size: 9));
            }
        }

        await output.WriteAsync(TranscriptPdf.Write(paragraphs), ct);
    }

    private static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
