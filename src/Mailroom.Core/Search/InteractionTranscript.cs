using System.Globalization;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace Mailroom.Core.Search;

/// <summary>
/// The PDF transcript of an interaction (003): every message in order with its header lines and text, and
/// optionally the list of its attachments (name, type, size).
/// </summary>
public sealed class InteractionTranscript(MailroomDb db)
{
    private const double Margin = 50;

    public async Task WriteAsync(Actor actor, long interactionId, bool listAttachments, Stream output, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        var messages = await db.Messages.AsNoTracking().Where(m => m.InteractionId == interactionId).Include(m => m.Attachments)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
        TranscriptFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"Interaction {interactionId}: {interaction.Subject}";
        var page = new Pager(document);
        page.Write($"Interaction {interactionId}: {interaction.Subject}", bold: true, size: 14);
        page.Write($"Created {Stamp(interaction.CreatedAt)} · {interaction.Status}", size: 9);
        foreach (var m in messages)
        {
            page.Gap();
            page.Write($"{(m.Direction == MessageDirection.Incoming ? "From" : "Sent by")} {m.FromName} <{m.From}> · {Stamp(m.CreatedAt)}", bold: true);
            page.Write($"To: {m.To}" + (m.Cc.Length > 0 ? $"   Cc: {m.Cc}" : ""), size: 9);
            page.Write($"Subject: {m.Subject}", size: 9);
            page.Write(m.TextBody ?? "");
            if (listAttachments && m.Attachments.Count > 0)
            {
                page.Write("Attachments: " + string.Join("; ", m.Attachments.Select(a => $"{a.FileName} ({a.ContentType}, {a.Size:N0} bytes)")), size: 9);
            }
        }

        page.Dispose();
        await document.SaveAsync(output);
    }

    private static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Writes paragraphs top to bottom, starting a new page when the next one does not fit.</summary>
    private sealed class Pager(PdfDocument document) : IDisposable
    {
        private XGraphics? _graphics;
        private PdfPage? _page;
        private double _y;

        public void Gap() => _y += 10;

        public void Write(string text, bool bold = false, double size = 10)
        {
            var font = new XFont(TranscriptFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
            {
                // Long paragraphs are cut into chunks so each chunk fits on what is left of a page.
                foreach (var chunk in paragraph.Chunk(1500).Select(c => new string(c)).DefaultIfEmpty(""))
                {
                    var lines = Math.Max(1, Math.Ceiling(Measure(chunk, font) / (Width - 4)));
                    var height = lines * font.GetHeight() + 2;
                    if (_graphics is null || _y + height > _page!.Height.Point - Margin)
                    {
                        NewPage();
                    }

                    new XTextFormatter(_graphics!).DrawString(chunk, font, XBrushes.Black, new XRect(Margin, _y, Width, height + font.GetHeight()), XStringFormats.TopLeft);
                    _y += height;
                }
            }
        }

        private double Width => _page!.Width.Point - 2 * Margin;

        private double Measure(string text, XFont font)
        {
            _graphics ??= NewPage();
            return _graphics.MeasureString(text.Length == 0 ? " " : text, font).Width * 1.15;
        }

        private XGraphics NewPage()
        {
            _graphics?.Dispose();
            _page = document.AddPage();
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
            return _graphics;
        }

        public void Dispose() => _graphics?.Dispose();
    }
}
