using System.Text.RegularExpressions;
using Ganss.Xss;

namespace Mailroom.Core.Interactions;

/// <summary>
/// Makes a customer's HTML safe to show: sanitized on the server (no script, no event handlers, no svg/math,
/// no javascript: links), remote images blocked, <c>cid:</c> parts served by us.
/// The result is still only ever shown inside a sandboxed iframe with a strict CSP.
/// </summary>
public static partial class SafeHtml
{
    public static string Render(string html, long messageId)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Remove("svg");
        sanitizer.AllowedTags.Remove("math");
        sanitizer.AllowedSchemes.Add("cid");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element)
            {
                RewriteSources(element, messageId);
            }
        };
        return sanitizer.Sanitize(html);
    }

    private static void RewriteSources(AngleSharp.Dom.IElement element, long messageId)
    {
        if (element.TagName == "A")
        {
            // Links open outside the sandbox, never with our page as opener.
            element.SetAttribute("target", "_blank");
            element.SetAttribute("rel", "noopener noreferrer");
        }

        var src = element.GetAttribute("src");
        if (element.TagName != "IMG" || src is null)
        {
            return;
        }

        if (src.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
        {
            element.SetAttribute("src", $"/api/messages/{messageId}/inline/{Uri.EscapeDataString(src[4..])}");
        }
        else if (RemoteUrl().IsMatch(src))
        {
            // A tracking pixel never fires: the browser never gets a remote URL.
            element.RemoveAttribute("src");
            element.SetAttribute("data-blocked-src", src);
            element.SetAttribute("alt", "[remote image blocked]");
        }
        else
        {
            element.RemoveAttribute("src");
        }
    }

    [GeneratedRegex("^https?://", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteUrl();

    /// <summary>The iframe document: our CSP first, so even a sanitizer miss cannot run script or fetch remote content.</summary>
    public static string Document(string safeBody) =>
        "<!doctype html><html><head><meta charset=\"utf-8\">" +
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src 'none'; form-action 'none'\">" +
        "<style>body{font-family:system-ui,sans-serif;font-size:14px;margin:0;color:#1d2330;word-wrap:break-word}img{max-width:100%}</style>" +
        "</head><body>" + safeBody + "</body></html>";
}
