using System.Globalization;
using System.Text;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Mailroom.Core.Search;

/// <summary>
/// The PDF transcript of an interaction (003): every message in order with its header lines and text, and
/// optionally the list of its attachments (name, type, size). Written with PdfPig (Apache-2.0) and the PDF
/// standard fonts, so it needs no installed font and no licence key.
/// </summary>
public sealed class InteractionTranscript(MailroomDb db)
{
    public async Task WriteAsync(Actor actor, long interactionId, bool listAttachments, Stream output, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        var messages = await db.Messages.AsNoTracking().Where(m => m.InteractionId == interactionId).Include(m => m.Attachments)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
        using var pages = new Pager();
        pages.Write($"Interaction {interactionId}: {interaction.Subject}", bold: true, size: 14);
        pages.Write($"Created {Stamp(interaction.CreatedAt)} - {interaction.Status}", size: 9);
        foreach (var m in messages)
        {
            pages.Gap();
            pages.Write($"{(m.Direction == MessageDirection.Incoming ? "From" : "Sent by")} {m.FromName} <{m.From}> - {Stamp(m.CreatedAt)}", bold: true);
            pages.Write($"To: {m.To}" + (m.Cc.Length > 0 ? $"   Cc: {m.Cc}" : ""), size: 9);
            pages.Write($"Subject: {m.Subject}", size: 9);
            pages.Write(m.TextBody ?? "");
            if (listAttachments && m.Attachments.Count > 0)
            {
                pages.Write("Attachments: " + string.Join("; ", m.Attachments.Select(a => $"{a.FileName} ({a.ContentType}, {a.Size:N0} bytes)")), size: 9);
            }
        }

        await output.WriteAsync(pages.Build(), ct);
    }

    private static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Writes word-wrapped paragraphs top to bottom on A4 pages, starting a new page when one is full.</summary>
    private sealed class Pager : IDisposable
    {
        private const double Margin = 50;
        private readonly PdfDocumentBuilder _builder = new();
        private readonly PdfDocumentBuilder.AddedFont _regular;
        private readonly PdfDocumentBuilder.AddedFont _bold;
        private PdfPageBuilder _page;
        private double _y;

        public Pager()
        {
            _regular = _builder.AddStandard14Font(Standard14Font.Helvetica);
            _bold = _builder.AddStandard14Font(Standard14Font.HelveticaBold);
            _page = NewPage();
        }

        private double Width => _page.PageSize.Width - (2 * Margin);

        public void Gap() => _y -= 10;

        public void Write(string text, bool bold = false, double size = 10)
        {
            var font = bold ? _bold : _regular;
            foreach (var paragraph in Printable(text).Replace("\r\n", "\n").Split('\n'))
            {
                foreach (var line in Wrap(paragraph, font, size))
                {
                    if (_y - size < Margin)
                    {
                        _page = NewPage();
                    }

                    _y -= size * 1.3;
                    if (line.Length > 0)
                    {
                        _page.AddText(line, size, new PdfPoint(Margin, _y), font);
                    }
                }
            }
        }

        public byte[] Build() => _builder.Build();

        public void Dispose() => _builder.Dispose();

        private PdfPageBuilder NewPage()
        {
            var page = _builder.AddPage(PageSize.A4);
            _y = page.PageSize.Height - Margin;
            return page;
        }

        // Greedy word wrap measured with the font itself; a word longer than a line is cut.
        private IEnumerable<string> Wrap(string paragraph, PdfDocumentBuilder.AddedFont font, double size)
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Measure(candidate, font, size) > Width)
                {
                    yield return line.ToString();
                    line.Clear().Append(word);
                }
                else
                {
                    line.Clear().Append(candidate);
                }

                while (line.Length > 1 && Measure(line.ToString(), font, size) > Width)
                {
                    var fit = line.Length - 1;
                    while (fit > 1 && Measure(line.ToString(0, fit), font, size) > Width)
                    {
                        fit = (int)(fit * 0.9);
                    }

                    yield return line.ToString(0, fit);
                    line.Remove(0, fit);
                }
            }

            yield return line.ToString();
        }

        private double Measure(string text, PdfDocumentBuilder.AddedFont font, double size)
        {
            var letters = _page.MeasureText(text, size, new PdfPoint(0, 0), font);
            return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X;
        }

        // The standard fonts cover Latin-1; anything else (emoji, other scripts) is shown as '?' rather than failing.
        private static string Printable(string text) =>
            string.Create(text.Length, text, (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    var c = source[i];
                    span[i] = c is '\n' or '\r' || (c >= ' ' && c <= '~') || (c >= '\u00A0' && c <= '\u00FF') ? c : c == '\t' ? ' ' : '?';
                }
            });
    }
}
