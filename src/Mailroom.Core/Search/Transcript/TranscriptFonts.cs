using System.Reflection;
using UglyToad.PdfPig.Fonts.TrueType;
using UglyToad.PdfPig.Fonts.TrueType.Parser;
using UglyToad.PdfPig.Writer;

namespace Mailroom.Core.Search.Transcript;

/// <summary>
/// A font a transcript is written in, embedded in this assembly so no machine needs it installed: besides the
/// PDF standard Helvetica for ASCII, DejaVu Sans (Bitstream Vera licence, Fonts/LICENSES.md) for the rest of
/// Latin, Greek, Cyrillic, Arabic, Hebrew and symbols. No CJK face yet: PdfPig 0.1.16's TrueType subsetter fails
/// on the freely licensed CJK TrueType fonts tried (Droid Sans Fallback), and Noto CJK is CFF, which it cannot embed.
/// </summary>
internal sealed class TranscriptFace
{
    public static readonly Lazy<TranscriptFace> Sans = new(() => Load("DejaVuSans.ttf"));

    private readonly TrueTypeFont _font;

    private TranscriptFace(byte[] bytes)
    {
        Bytes = bytes;
        _font = TrueTypeFontParser.Parse(new TrueTypeDataBytes(bytes));
    }

    public byte[] Bytes { get; }

    public bool Covers(char c) => _font.TableRegister.CMapTable.TryGetGlyphIndex(c, out var glyph) && glyph != 0;

    private static TranscriptFace Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Mailroom.Core.Search.Transcript.Fonts.{name}")
            ?? throw new InvalidOperationException($"The transcript font {name} is not embedded in Mailroom.Core.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new TranscriptFace(copy.ToArray());
    }
}

/// <summary>
/// The embedded fonts of one document. PdfPig writes an embedded TrueType font as a simple font of at most 256 codes,
/// so a face is added again whenever the characters used from it would pass <see cref="CodesPerFont"/>.
/// </summary>
internal sealed class TranscriptFonts(PdfDocumentBuilder builder)
{
    private const int CodesPerFont = 200;

    private readonly Dictionary<TranscriptFace, List<(PdfDocumentBuilder.AddedFont Font, HashSet<char> Used)>> _added = [];

    /// <summary>Printable ASCII: what PdfPig's standard Helvetica draws (its encoding has no accented letters).</summary>
    public static bool IsAscii(char c) => c >= ' ' && c <= '~';

    /// <summary>Whether an embedded face draws <paramref name="c"/> (ASCII aside).</summary>
    public static bool Covers(char c) => TranscriptFace.Sans.Value.Covers(c);

    /// <summary>The embedded font to draw <paramref name="c"/> (not ASCII) in; null when no embedded face has it.</summary>
    public PdfDocumentBuilder.AddedFont? For(char c)
    {
        var face = TranscriptFace.Sans.Value;
        if (!face.Covers(c))
        {
            return null;
        }

        if (!_added.TryGetValue(face, out var fonts))
        {
            _added[face] = fonts = [];
        }

        var slot = fonts.FirstOrDefault(f => f.Used.Contains(c));
        if (slot.Font is null)
        {
            slot = fonts.LastOrDefault();
            if (slot.Font is null || slot.Used.Count >= CodesPerFont)
            {
                slot = (builder.AddTrueTypeFont(face.Bytes), []);
                fonts.Add(slot);
            }

            slot.Used.Add(c);
        }

        return slot.Font;
    }
}
