using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>The text/plain alternative of an HTML body, for clients and filters that read only text.</summary>
public static class HtmlToText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "TR", "BLOCKQUOTE", "PRE", "TABLE", "UL", "OL",
    };

    public static string Convert(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder();
        Walk(document.Body ?? (INode)document, text);
        return string.Join('\n', text.ToString().Split('\n').Select(l => l.TrimEnd())).Trim('\n', ' ') + "\n";
    }

    private static void Walk(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(System.Text.RegularExpressions.Regex.Replace(t.Data, @"\s+", " "));
                    break;
                case IElement { TagName: "BR" }:
                    text.Append('\n');
                    break;
                case IElement { TagName: "SCRIPT" or "STYLE" or "HEAD" }:
                    break;
                case IElement { TagName: "A" } a when a.GetAttribute("href") is { } href && !href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase):
                    Walk(a, text);
                    if (a.TextContent.Trim() != href)
                    {
                        text.Append(" (").Append(href).Append(')');
                    }

                    break;
                case IElement e when Blocks.Contains(e.TagName):
                    NewLine(text);
                    Walk(e, text);
                    NewLine(text);
                    break;
                default:
                    Walk(child, text);
                    break;
            }
        }
    }

    private static void NewLine(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }
}
