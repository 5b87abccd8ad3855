using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Mailroom.Core.Interactions;

/// <summary>
/// A message's HTML made safe once, not on every view: the sanitizer's HTML5 parse is the costly part of showing a
/// mail (a quarter of a second for a 100 KB newsletter, seconds near the size limit on a small server) and a thread
/// is opened again and again while it is worked. Results stay in memory for an hour, keyed by the message, the
/// image setting, our origin and a hash of the HTML itself, so a body rewritten by retention is never served from
/// before; the cache is bounded by size, so a flood of large mail evicts rather than grows. An hour is well inside
/// the eight hours the image links in a result stay valid.
/// </summary>
public sealed class SanitizedBodies : IDisposable
{
    /// <summary>Larger than the HTML of any real newsletter; beyond it the parse alone takes seconds.</summary>
    public const int MaxHtmlLength = 1_000_000;

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    // In characters: some 64 MB of results at the most.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 32L * MaxHtmlLength });

    /// <summary>Whether the HTML may be given to the sanitizer at all: neither too large nor nested too deeply.</summary>
    public static bool CanRender(string html) => html.Length <= MaxHtmlLength && !HtmlNesting.IsTooDeep(html);

    /// <param name="sources">Asked only when the message is not in the cache: the links it makes are what is kept.</param>
    public string Render(long messageId, string html, bool showImages, string ownOrigin, Func<ImageSources> sources)
    {
        var key = (messageId, showImages, ownOrigin, Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(html))));
        if (_cache.TryGetValue(key, out string? cached))
        {
            return cached!;
        }

        var body = SafeHtml.Render(html, sources());
        _cache.Set(key, body, new MemoryCacheEntryOptions { Size = body.Length + 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return body;
    }

    public void Dispose() => _cache.Dispose();
}
