using System.Text.RegularExpressions;

namespace Mailroom.Core.Mail.Inbound.Decoding;

/// <summary>
/// The plain text of text/enriched (RFC 1896) and its predecessor text/richtext (RFC 1341), which old clients
/// and some gateways still send; formatting is dropped, the words and line breaks are kept.
/// </summary>
internal static partial class EnrichedText
{
    public static string ToPlain(string source, bool richtext)
    {
        var text = Param().Replace(source.ReplaceLineEndings("\n"), "");
        // In both formats a single line break in the source is only a space; enriched text marks a real one with
        // two (n breaks stand for n-1), richtext with <nl>.
        text = richtext ? text.Replace('\n', ' ') : Breaks().Replace(text, m => m.Length == 1 ? " " : new string('\n', m.Length - 1));
        return Token().Replace(text, m => m.Value switch
        {
            "<<" => "<",
            _ => m.Groups["name"].Value.ToLowerInvariant() switch
            {
                "lt" when richtext => "<",
                "nl" or "np" when richtext => "\n",
                _ => "",
            },
        });
    }

    [GeneratedRegex("<param>.*?</param>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Param();

    [GeneratedRegex("\n+")]
    private static partial Regex Breaks();

    [GeneratedRegex("<<|</?(?<name>[A-Za-z0-9-]+)>")]
    private static partial Regex Token();
}
