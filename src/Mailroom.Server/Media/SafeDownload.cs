using Mailroom.Core.Common;

namespace Mailroom.Server.Media;

/// <summary>
/// How every file we did not write leaves the server: always a download (never rendered in our origin, where a
/// customer's "invoice.html" could read the signed-in user's data), as bytes unless it is a raster image, not
/// sniffed, sandboxed should a browser render it anyway, and not cached.
/// </summary>
internal static class SafeDownload
{
    /// <summary>The CSP of a file: if a browser ever renders one, it runs in an opaque origin and loads nothing.</summary>
    public const string Policy = "sandbox; default-src 'none'";

    public static IResult File(HttpContext http, Stream content, string? contentType, string? fileName, string fallbackName)
    {
        Protect(http.Response);
        return TypedResults.Stream(content, MediaTypes.ForDownload(contentType), FileNames.Clean(fileName, fallbackName));
    }

    /// <summary>A file of <see cref="File"/> in the OpenAPI document: bytes, or one of the raster images served as themselves.</summary>
    public static RouteHandlerBuilder ProducesDownload(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<Stream>(StatusCodes.Status200OK, MediaTypes.Binary, [.. MediaTypes.SafeImages]);

    /// <summary>The headers alone, for files we build ourselves (exports) and images shown inline.</summary>
    public static void Protect(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = Policy;
        response.Headers.CacheControl = "no-store";
    }
}
