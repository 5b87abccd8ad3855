using System.Text.Encodings.Web;

namespace Mailroom.Server.Auth;

/// <summary>
/// The browser comes back to Mailroom from an identity provider's site (Microsoft's, Google's, the company's), and
/// a SameSite=Strict cookie is not sent on a navigation that began on another site. A page of our own takes the
/// last step, which the browser then makes as our own site, with the cookie.
/// </summary>
internal static class SameSiteHop
{
    /// <param name="target">A path of our own, with its query.</param>
    public static async Task WriteAsync(HttpResponse response, string target)
    {
        var href = HtmlEncoder.Default.Encode(target);
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        await response.WriteAsync($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={href}">
            <title>Mailroom</title></head><body><p><a id="continue" href="{href}">Continue to Mailroom</a></p></body></html>
            """);
    }
}
