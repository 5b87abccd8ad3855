using PdfSharp.Fonts;
using PdfSharp.WPFonts;

namespace Mailroom.Core.Search;

/// <summary>
/// Fonts for PDF transcripts from inside the PDFsharp package (Segoe WP), so a transcript renders the same on a
/// server without any installed font.
/// </summary>
internal sealed class TranscriptFonts : IFontResolver
{
    public const string Family = "Transcript";

    private static readonly Lock Gate = new();

    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not TranscriptFonts)
            {
                GlobalFontSettings.FontResolver = new TranscriptFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "SegoeWP-Bold" : "SegoeWP", false, italic);

    public byte[]? GetFont(string faceName) => faceName == "SegoeWP-Bold" ? FontDataHelper.SegoeWPBold : FontDataHelper.SegoeWP;
}
