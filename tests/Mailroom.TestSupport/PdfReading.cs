using System.Text;
using UglyToad.PdfPig;

namespace Mailroom.TestSupport;

/// <summary>
/// The text of a PDF as a person reads it. Right-to-left runs are drawn in visual order inside /ReversedChars
/// marked content (Skia's way, from the PDF standard); this undoes that as a reader does, so Arabic and Hebrew
/// compare with their logical-order text.
/// </summary>
public static class PdfReading
{
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return Text(document);
    }

    public static string Text(PdfDocument document) => string.Concat(document.GetPages().Select(page =>
    {
        var text = new StringBuilder(string.Concat(page.Letters.Select(l => l.Value)));
        // Each run where it stands, in drawing order: the same letters can stand in another run too ("طلب" in a
        // subject and in "طلبي" of the body), and reversing every copy would undo the other one.
        var from = 0;
        foreach (var reversed in page.GetMarkedContents().Where(m => m.Tag == "ReversedChars"))
        {
            var drawn = string.Concat(reversed.Letters.Select(l => l.Value));
            var at = text.ToString().IndexOf(drawn, from, StringComparison.Ordinal);
            if (at >= 0)
            {
                text.Remove(at, drawn.Length).Insert(at, new string(drawn.Reverse().ToArray()));
                from = at + drawn.Length;
            }
        }

        return text.ToString();
    }));
}
