using System.Globalization;
using System.Text;

namespace Mailroom.Core.Common;

/// <summary>
/// File names from customers and agents, made harmless to store and to offer as a download: no path, no control
/// characters and no invisible formatting characters (a right-to-left override turns "invoice‮fdp.exe" into
/// what looks like "invoiceexe.pdf").
/// </summary>
public static class FileNames
{
    public const int MaxLength = 255;

    /// <summary>The cleaned name, or <paramref name="fallback"/> when nothing printable is left.</summary>
    public static string Clean(string? name, string fallback = "file")
    {
        var text = new StringBuilder(name?.Length ?? 0);
        foreach (var c in Path.GetFileName((name ?? "").Replace('\\', '/')))
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
                || c is '"' or '/' or ':' or '*' or '?' or '<' or '>' or '|')
            {
                continue;
            }

            text.Append(c);
        }

        var cleaned = text.ToString().Trim().Trim('.').Trim();
        if (cleaned.Length > MaxLength)
        {
            cleaned = cleaned[..MaxLength];
        }

        return cleaned.Length == 0 ? fallback : cleaned;
    }
}
