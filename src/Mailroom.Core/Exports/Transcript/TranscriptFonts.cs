using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using HarfBuzzSharp;
using SkiaSharp;

namespace Mailroom.Core.Exports.Transcript;

/// <summary>
/// A font a transcript is written in, embedded in this assembly so no machine needs it installed (licences in
/// Fonts/LICENSES.md). <see cref="Chain"/> is the order they are tried in: DejaVu Sans for Latin, Greek, Cyrillic,
/// Arabic, Hebrew and symbols, Droid Sans Fallback for Chinese, Japanese and Korean, Symbola for emoji. Bold text
/// takes DejaVu Sans Bold first; the other scripts have no bold face here and stay regular in bold lines (Skia's
/// synthetic bold would write each glyph again as a Type 3 drawing, tens of kilobytes for a few header lines).
/// </summary>
internal sealed class TranscriptFace
{
    public static readonly IReadOnlyList<TranscriptFace> Chain =
        [new("DejaVuSans.ttf"), new("DroidSansFallback.ttf"), new("SymbolaEmoji.ttf")];

    public static readonly IReadOnlyList<TranscriptFace> BoldChain = [new("DejaVuSans-Bold.ttf"), .. Chain];

    private readonly Lazy<Face> _face;
    private readonly Lazy<HarfBuzzSharp.Font> _coverage;

    private TranscriptFace(string file)
    {
        _face = new(() => Load(file));
        _coverage = new(() => new HarfBuzzSharp.Font(_face.Value));
    }

    public Face Face => _face.Value;

    public bool Covers(int codepoint) => _coverage.Value.TryGetGlyph((uint)codepoint, out _);

    /// <summary>The first face of the chain that draws <paramref name="codepoint"/>; null when none does.</summary>
    public static TranscriptFace? For(int codepoint) => Chain.FirstOrDefault(f => f.Covers(codepoint));

    private static Face Load(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Mailroom.Core.Exports.Transcript.Fonts.{file}")
            ?? throw new InvalidOperationException($"The transcript font {file} is not embedded in Mailroom.Core.");
        // In memory of its own that HarfBuzz frees with its blob, which the face keeps for the process's life: made with
        // Blob.FromStream instead, subsetting failed now and then once the managed Blob was disposed.
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        var font = Marshal.AllocHGlobal((int)bytes.Length);
        Marshal.Copy(bytes.GetBuffer(), 0, font, (int)bytes.Length);
        using var blob = new Blob(font, (int)bytes.Length, MemoryMode.ReadOnly, () => Marshal.FreeHGlobal(font));
        return new Face(blob, 0);
    }
}

/// <summary>
/// The fonts of one document: each face of the chain cut down to the characters of the document it draws, so the
/// PDF embeds only those glyphs. Also makes text printable: what no face draws becomes one '?' each.
/// </summary>
internal sealed class TranscriptTypefaces : IDisposable
{
    private readonly Dictionary<TranscriptFace, SKTypeface> _subsets = [];

    public TranscriptTypefaces(IEnumerable<string> printableText)
    {
        var used = printableText.SelectMany(t => t.EnumerateRunes()).Select(r => r.Value).ToHashSet();
        foreach (var face in TranscriptFace.BoldChain)
        {
            var drawn = used.Where(face.Covers).ToList();
            if (drawn.Count > 0)
            {
                _subsets[face] = SKTypeface.FromData(SKData.CreateCopy(FontSubsetter.Subset(face.Face, drawn)));
            }
        }
    }

    public SKTypeface this[TranscriptFace face] => _subsets[face];

    /// <summary>
    /// <paramref name="text"/> with tabs as spaces, and a '?' for each character no face draws, except invisible
    /// format characters and variation selectors (an emoji's U+FE0F), which are left out.
    /// </summary>
    public static string Printable(string text)
    {
        var printable = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is '\n' or '\r')
            {
                printable.Append((char)rune.Value);
            }
            else if (rune.Value == '\t')
            {
                printable.Append(' ');
            }
            else if (!Rune.IsControl(rune) && TranscriptFace.For(rune.Value) is not null)
            {
                printable.Append(rune.ToString());
            }
            else if (!IsInvisible(rune))
            {
                printable.Append('?');
            }
        }

        return printable.ToString();
    }

    public void Dispose()
    {
        foreach (var typeface in _subsets.Values)
        {
            typeface.Dispose();
        }
    }

    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format || rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);
}
