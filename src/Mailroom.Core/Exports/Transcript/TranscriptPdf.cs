using System.Text;
using SkiaSharp;

namespace Mailroom.Core.Exports.Transcript;

/// <summary>A paragraph of a transcript as written: its text (lines apart by '\n'), how it is set, and space before it.</summary>
internal sealed record TranscriptParagraph(string Text, float Size = 10, bool Bold = false, bool GapBefore = false);

/// <summary>
/// Writes paragraphs word-wrapped top to bottom on A4 pages with Skia's PDF backend, starting a new page when one
/// is full. Right-to-left paragraphs are set flush right.
/// </summary>
internal sealed class TranscriptPdf : IDisposable
{
    private const float PageWidth = 595, PageHeight = 842, Margin = 50, TextWidth = PageWidth - (2 * Margin);

    private readonly MemoryStream _output = new();
    private readonly SKDocument _document;
    private readonly TranscriptTypefaces _typefaces;
    private readonly LineShaper _shaper;
    private readonly SKPaint _ink = new() { Color = SKColors.Black, IsAntialias = true };
    private SKCanvas _page;
    private float _y;

    private TranscriptPdf(string title, IEnumerable<string> printable)
    {
        _document = SKDocument.CreatePdf(_output, new SKDocumentPdfMetadata { Title = title, Creator = "Mailroom" });
        _typefaces = new TranscriptTypefaces(printable);
        _shaper = new LineShaper(_typefaces);
        _page = NewPage();
    }

    /// <summary>The PDF of <paramref name="paragraphs"/>; the first one's text is also the document's title.</summary>
    public static byte[] Write(IReadOnlyList<TranscriptParagraph> paragraphs)
    {
        var printable = paragraphs.Select(p => p with { Text = TranscriptTypefaces.Printable(p.Text) }).ToList();
        using var pdf = new TranscriptPdf(printable.FirstOrDefault()?.Text ?? "", printable.Select(p => p.Text));
        foreach (var paragraph in printable)
        {
            pdf.Write(paragraph);
        }

        return pdf.Close();
    }

    public void Dispose()
    {
        _document.Dispose();
        _shaper.Dispose();
        _typefaces.Dispose();
        _ink.Dispose();
        _output.Dispose();
    }

    private byte[] Close()
    {
        _document.EndPage();
        _document.Close();
        return _output.ToArray();
    }

    private void Write(TranscriptParagraph paragraph)
    {
        var style = new TextStyle(paragraph.Size, paragraph.Bold);
        _y += paragraph.GapBefore ? 10 : 0;
        foreach (var text in paragraph.Text.Replace("\r\n", "\n").Split('\n'))
        {
            var rightToLeft = Bidi.IsRightToLeft(text);
            foreach (var line in Wrap(text, style))
            {
                if (_y + style.Size > PageHeight - Margin)
                {
                    _document.EndPage();
                    _page = NewPage();
                }

                _y += style.Size * 1.3f;
                Draw(_shaper.Shape(line, style, rightToLeft), rightToLeft);
            }
        }
    }

    private void Draw(IReadOnlyList<ShapedRun> runs, bool flushRight)
    {
        using var builder = new SKTextBlobBuilder();
        var x = flushRight ? Margin + TextWidth - runs.Sum(r => r.Width) : Margin;
        foreach (var run in runs.Where(r => r.Glyphs.Length > 0))
        {
            var buffer = builder.AllocatePositionedTextRun(run.Font, run.Glyphs.Length, run.Utf8.Length, null);
            buffer.SetGlyphs(run.Glyphs);
            buffer.SetPositions(Array.ConvertAll(run.Positions, p => new SKPoint(p.X + x, p.Y)));
            buffer.SetText(run.Utf8);
            buffer.SetClusters(run.Clusters);
            x += run.Width;
        }

        using var blob = builder.Build();
        if (blob is not null)
        {
            _page.DrawText(blob, 0, _y, _ink);
        }
    }

    private SKCanvas NewPage()
    {
        _y = Margin;
        return _document.BeginPage(PageWidth, PageHeight);
    }

    // Greedy word wrap measured with the shaped text; a word longer than a line is cut where it still fits.
    private IEnumerable<string> Wrap(string paragraph, TextStyle style)
    {
        var line = new StringBuilder();
        var width = 0f;
        foreach (var word in paragraph.Split(' '))
        {
            var piece = line.Length == 0 ? word : " " + word;
            var pieceWidth = _shaper.Measure(piece, style);
            if (line.Length > 0 && width + pieceWidth > TextWidth)
            {
                yield return line.ToString();
                line.Clear().Append(word);
                width = _shaper.Measure(word, style);
            }
            else
            {
                line.Append(piece);
                width += pieceWidth;
            }

            while (line.Length > 1 && width > TextWidth)
            {
                var fit = Fit(line.ToString(), style);
                yield return line.ToString(0, fit);
                line.Remove(0, fit);
                width = _shaper.Measure(line.ToString(), style);
            }
        }

        yield return line.ToString();
    }

    // How many UTF-16 units at the start of text fit on a line: at least one character, never half of one.
    private int Fit(string text, TextStyle style)
    {
        var (fits, tooWide) = (1, text.Length);
        while (tooWide - fits > 1)
        {
            var middle = (fits + tooWide) / 2;
            (fits, tooWide) = _shaper.Measure(text[..middle], style) <= TextWidth ? (middle, tooWide) : (fits, middle);
        }

        return char.IsLowSurrogate(text[fits]) ? fits + (fits > 1 ? -1 : 1) : fits;
    }
}
