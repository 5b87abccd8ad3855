using System.Text.RegularExpressions;

namespace Mailroom.Core.Common;

/// <summary>Content types as they may be stored and sent back in a header.</summary>
public static partial class MediaTypes
{
    public const string Binary = "application/octet-stream";

    /// <summary>
    /// Raster images a browser shows but never runs. Anything else, SVG included (it can carry script), is
    /// served as <see cref="Binary"/>.
    /// </summary>
    public static readonly IReadOnlySet<string> SafeImages = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp",
    };

    /// <summary>"type/subtype" with optional parameters, no control characters: what a header can carry.</summary>
    public static bool IsValid(string? value) => value is { Length: <= 200 } && MediaType().IsMatch(value);

    public static bool IsSafeImage(string? value) => value is not null && SafeImages.Contains(Essence(value));

    /// <summary>What a download is served as: a safe image as itself, everything else as bytes.</summary>
    public static string ForDownload(string? value) => IsSafeImage(value) ? Essence(value!) : Binary;

    private static string Essence(string value) => value.Split(';', 2)[0].Trim().ToLowerInvariant();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=(""[^""\x00-\x1f\x7f]*""|[A-Za-z0-9!#$&^_.+-]+))*$")]
    private static partial Regex MediaType();
}
