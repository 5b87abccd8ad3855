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
/// optionally the list of its attachments (name, type, size). Written with PdfPig (Apache-2.0): ASCII in the
/// PDF standard Helvetica, every other script in the fonts embedded in Mailroom.Core (<see cref="Transcript.TranscriptFonts"/>),
/// so it needs no installed font and no licence key. Arabic and Hebrew are drawn letter by letter in reading order,
/// not shaped or laid out right to left: PdfPig has no text shaping.
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
        private readonly Transcript.TranscriptFonts _fonts;
        private PdfPageBuilder _page;
        private double _y;

        public Pager()
        {
            _regular = _builder.AddStandard14Font(Standard14Font.Helvetica);
            _bold = _builder.AddStandard14Font(Standard14Font.HelveticaBold);
            _fonts = new(_builder);
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
                    var x = Margin;
                    foreach (var (run, runFont) in Runs(line, font))
                    {
                        var letters = _page.AddText(run, size, new PdfPoint(x, _y), runFont);
                        x = letters.Count == 0 ? x : letters[^1].EndBaseLine.X;
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
            var width = 0.0;
            foreach (var (run, runFont) in Runs(text, font))
            {
                var letters = _page.MeasureText(run, size, new PdfPoint(width, 0), runFont);
                width = letters.Count == 0 ? width : letters[^1].EndBaseLine.X;
            }

            return width;
        }

        // Pieces of a line that one font draws: ASCII in the line's Helvetica, the rest in the embedded face.
        private IEnumerable<(string Text, PdfDocumentBuilder.AddedFont Font)> Runs(string line, PdfDocumentBuilder.AddedFont latin)
        {
            var start = 0;
            PdfDocumentBuilder.AddedFont? current = null;
            for (var i = 0; i < line.Length; i++)
            {
                var font = Transcript.TranscriptFonts.IsAscii(line[i]) ? latin : _fonts.For(line[i])!;
                if (current is not null && font != current)
                {
                    yield return (line[start..i], current);
                    start = i;
                }

                current = font;
            }

            if (current is not null)
            {
                yield return (line[start..], current);
            }
        }

        // What no font here draws (emoji and other characters beyond the embedded faces) is one '?' each, never a failure.
        private static string Printable(string text)
        {
            var printable = new StringBuilder(text.Length);
            foreach (var rune in text.EnumerateRunes())
            {
                var c = rune.IsBmp ? (char)rune.Value : '?';
                printable.Append(c is '\n' or '\r' || Transcript.TranscriptFonts.IsAscii(c) || (!char.IsControl(c) && Transcript.TranscriptFonts.Covers(c)) ? c
                    : c == '\t' ? ' ' : '?');
            }

            return printable.ToString();
        }
    }
}
