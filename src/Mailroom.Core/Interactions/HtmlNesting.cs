namespace Mailroom.Core.Interactions;

/// <summary>
/// How deeply a piece of HTML nests its elements, counted in one pass over the text without parsing it. The
/// sanitizer's HTML5 parser spends time that grows much faster than the input on deep nesting (one mail of
/// thousands of unclosed formatting tags cost minutes of CPU on every view), so that HTML is never given to it.
/// </summary>
public static class HtmlNesting
{
    /// <summary>Deeper than any real mail client writes (newsletters built of tables nest a few dozen levels).</summary>
    public const int MaxDepth = 400;

    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    public static bool IsTooDeep(string html) => DepthOf(html, stopAbove: MaxDepth) > MaxDepth;

    /// <summary>The deepest count of open elements, stopping as soon as it passes <paramref name="stopAbove"/>.</summary>
    public static int DepthOf(string html, int stopAbove = int.MaxValue)
    {
        var (depth, deepest) = (0, 0);
        for (var i = html.IndexOf('<'); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var commentEnd = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (commentEnd < 0)
                {
                    break;
                }

                i = commentEnd;
                continue;
            }

            var closing = html[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                continue; // a doctype or a plain "<" in text
            }

            var tagEnd = html.IndexOf('>', nameEnd);
            var selfClosing = tagEnd > 0 && html[tagEnd - 1] == '/';
            if (closing)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (!selfClosing && !VoidElements.Contains(html[nameStart..nameEnd]))
            {
                deepest = Math.Max(deepest, ++depth);
                if (deepest > stopAbove)
                {
                    break;
                }
            }
        }

        return deepest;
    }
}
