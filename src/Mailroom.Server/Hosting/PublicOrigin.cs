using Mailroom.Core;

namespace Mailroom.Server.Hosting;

/// <summary>Our own origin, as links and policies must name it: the configured public URL, else the request's.</summary>
internal static class PublicOrigin
{
    public static string Of(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<MailroomOptions>().PublicUrl is { Length: > 0 } url
            ? new Uri(url).GetLeftPart(UriPartial.Authority)
            : $"{request.Scheme}://{request.Host}";

    /// <summary>Refuses to start with a public URL that is not an absolute http(s) address, naming the setting.</summary>
    public static void Validate(MailroomOptions options)
    {
        if (options.PublicUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/"))
        {
            throw new InvalidOperationException($"Mailroom:PublicUrl '{url}' must be an absolute http or https address with no path, such as https://mailroom.example.com.");
        }
    }
}
