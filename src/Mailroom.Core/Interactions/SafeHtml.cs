using System.Text.RegularExpressions;
using Ganss.Xss;

namespace Mailroom.Core.Interactions;

/// <summary>
/// Makes a customer's HTML safe to show: sanitized on the server (no script, no event handlers, no svg/math,
/// no javascript: links), remote images blocked unless the agent asked for them, <c>cid:</c> parts served by us.
/// The result is still only ever shown inside a sandboxed iframe with a strict CSP.
/// </summary>
public static partial class SafeHtml
{
    /// <param name="html">The customer's HTML.</param>
    /// <param name="sources">
    /// Turns an image reference into the URL the browser may load: <c>cid:</c> parts and (after "show images")
    /// remote images become URLs of our own server; null blocks the image.
    /// </param>
#pragma warning disable RS0030 // The one place the sanitizer is built (BannedSymbols.txt): every HTML Mailroom shows gets this policy.
    public static string Render(string html, ImageSources sources)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Remove("svg");
        sanitizer.AllowedTags.Remove("math");
        sanitizer.AllowedSchemes.Add("cid");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element)
            {
                RewriteSources(element, sources);
            }
        };
        return sanitizer.Sanitize(html);
    }
#pragma warning restore RS0030

    private static void RewriteSources(AngleSharp.Dom.IElement element, ImageSources sources)
    {
        if (element.TagName is "A" or "AREA")
        {
            // Links (and image-map areas, which are links too) open in a new tab outside the sandbox, never
            // with our page as opener and never inside the frame: the frame itself must not navigate.
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
            element.SetAttribute("src", sources.Inline(Uri.UnescapeDataString(src[4..])));
        }
        else if (RemoteUrl().IsMatch(src))
        {
            // A tracking pixel never fires: the browser never gets a remote URL, only (when the agent asks)
            // a URL of our proxy, which fetches it without the agent's address, cookies or referrer.
            var proxied = sources.Remote?.Invoke(src);
            if (proxied is null)
            {
                element.RemoveAttribute("src");
                element.SetAttribute("data-blocked-src", src);
                element.SetAttribute("alt", "[remote image blocked]");
            }
            else
            {
                element.SetAttribute("src", proxied);
            }
        }
        else
        {
            element.RemoveAttribute("src");
        }
    }

    [GeneratedRegex("^https?://", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteUrl();

    /// <summary>
    /// HTML that goes into our own page rather than a sandboxed frame (the composer's editor, a template preview):
    /// the same policy, and no image at all, since our page's origin must never load one from elsewhere.
    /// </summary>
    public static string ForOurPage(string html) => Render(html, new ImageSources(_ => "", null));

    /// <summary>The CSP of a message document: images only from our own server (named, because a sandboxed
    /// srcdoc frame has an opaque origin that 'self' may not match), nothing else fetched, nothing run.</summary>
    public static string Policy(string ownOrigin) =>
        $"default-src 'none'; img-src {ownOrigin} data:; style-src 'unsafe-inline'; font-src 'none'; form-action 'none'";

    /// <summary>The iframe document: our CSP first, so even a sanitizer miss cannot run script or fetch remote content.</summary>
    public static string Document(string safeBody, string ownOrigin) =>
        "<!doctype html><html><head><meta charset=\"utf-8\">" +
        $"<meta http-equiv=\"Content-Security-Policy\" content=\"{Policy(ownOrigin)}\">" +
        "<style>body{font-family:system-ui,sans-serif;font-size:14px;margin:0;color:#1d2330;word-wrap:break-word}img{max-width:100%}</style>" +
        "</head><body>" + safeBody + "</body></html>";
}

/// <summary>How <see cref="SafeHtml"/> turns image references into URLs the browser may load.</summary>
/// <param name="Inline">A <c>cid:</c> Content-ID to a URL of our server.</param>
/// <param name="Remote">A remote image URL to a proxied URL, or null while remote images are blocked.</param>
public sealed record ImageSources(Func<string, string> Inline, Func<string, string?>? Remote);
