using System.Globalization;
using System.Text;
using HarfBuzzSharp;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Mailroom.Core.Exports.Transcript;

/// <summary>How a line of a transcript is set: size in points, and bold or not.</summary>
internal readonly record struct TextStyle(float Size, bool Bold);

/// <summary>
/// Glyphs of one font in one direction, shaped by HarfBuzz, with the UTF-8 text they stand for and which byte of it
/// each glyph starts (its cluster): Skia's PDF backend writes that text as the glyphs' /ActualText where the font
/// alone would not give it back (an Arabic letter in a joining form), so a reader copies or extracts the real text.
/// </summary>
internal sealed record ShapedRun(SKFont Font, ushort[] Glyphs, SKPoint[] Positions, byte[] Utf8, uint[] Clusters, float Width);

/// <summary>
/// Splits a line into runs of one direction (<see cref="Bidi"/>) and one face (the first of the chain that draws
/// each letter), and shapes each run with HarfBuzz (kerning, Arabic joining, marks) in the document's typefaces.
/// </summary>
internal sealed class LineShaper(TranscriptTypefaces typefaces) : IDisposable
{
    private readonly Dictionary<SKTypeface, SKShaper> _shapers = [];
    private readonly Dictionary<(TranscriptFace, float Size), SKFont> _fonts = [];

    /// <summary>The runs of <paramref name="line"/> in drawing order, left to right.</summary>
    public IReadOnlyList<ShapedRun> Shape(string line, TextStyle style, bool paragraphRightToLeft)
    {
        var shaped = new List<ShapedRun>();
        foreach (var run in Bidi.VisualRuns(line, paragraphRightToLeft))
        {
            var pieces = FacePieces(line.Substring(run.Start, run.Length), style.Bold).Select(p => ShapeRun(p.Text, p.Face, style, run.RightToLeft)).ToList();
            if (run.RightToLeft)
            {
                pieces.Reverse();
            }

            shaped.AddRange(pieces);
        }

        return shaped;
    }

    /// <summary>How wide <paramref name="text"/> is drawn, in points.</summary>
    public float Measure(string text, TextStyle style) =>
        FacePieces(text, style.Bold).Sum(p => ShapeRun(p.Text, p.Face, style, Bidi.IsRightToLeft(p.Text)).Width);

    public void Dispose()
    {
        foreach (var shaper in _shapers.Values)
        {
            shaper.Dispose();
        }

        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }
    }

    // Letters and symbols (emoji) go to the first face that draws them; spaces, punctuation, digits and marks stay
    // in the face before them when it has them, so "東京, 1042" is one run and a mark sits on its letter's glyph.
    private static IEnumerable<(string Text, TranscriptFace Face)> FacePieces(string text, bool bold)
    {
        var chain = bold ? TranscriptFace.BoldChain : TranscriptFace.Chain;
        var start = 0;
        TranscriptFace? current = null;
        for (var i = 0; i < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, i);
            var face = current is not null && !ChoosesItsFace(rune) && current.Covers(rune.Value) ? current
                : chain.FirstOrDefault(f => f.Covers(rune.Value)) ?? chain[0];
            if (current is not null && face != current)
            {
                yield return (text[start..i], current);
                start = i;
            }

            current = face;
            i += rune.Utf16SequenceLength;
        }

        if (current is not null)
        {
            yield return (text[start..], current);
        }
    }

    private static bool ChoosesItsFace(Rune rune) => Rune.IsLetter(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol;

    private ShapedRun ShapeRun(string text, TranscriptFace face, TextStyle style, bool rightToLeft)
    {
        var typeface = typefaces[face];
        if (!_fonts.TryGetValue((face, style.Size), out var font))
        {
            _fonts[(face, style.Size)] = font = new SKFont(typeface, style.Size) { Subpixel = true };
        }

        if (!_shapers.TryGetValue(typeface, out var shaper))
        {
            _shapers[typeface] = shaper = new SKShaper(typeface);
        }

        var utf8 = Encoding.UTF8.GetBytes(text);
        using var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf8(utf8);
        buffer.Direction = rightToLeft ? Direction.RightToLeft : Direction.LeftToRight;
        buffer.GuessSegmentProperties();
        var result = shaper.Shape(buffer, font);
        return new ShapedRun(font, Array.ConvertAll(result.Codepoints, g => (ushort)g), result.Points, utf8, result.Clusters, result.Width);
    }
}
