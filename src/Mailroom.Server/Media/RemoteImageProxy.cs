using System.Net;
using System.Net.Sockets;
using Mailroom.Core.Common;

namespace Mailroom.Server.Media;

/// <summary>Where the remote-image proxy may connect (Mailroom:Media).</summary>
public sealed class MediaOptions
{
    /// <summary>
    /// Off by default: an image URL in a customer's mail must not make the server reach into the company's own
    /// network (SSRF). Tests and the demo, which serve images on 127.0.0.1, turn it on.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    public int MaxImageBytes { get; set; } = 5 * 1024 * 1024;
}

/// <summary>
/// Fetches a remote image for an agent who clicked "show images": the sender sees our server, never the
/// agent's address or cookies, and only image types under a size limit come back.
/// </summary>
public sealed class RemoteImageProxy(HttpClient http, Microsoft.Extensions.Options.IOptions<MediaOptions> options)
{
    public const string ClientName = "remote-images";

    public async Task<IResult> FetchAsync(Uri url, CancellationToken ct)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            throw new NotFoundException("Image");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("image/*");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException)
        {
            return Results.StatusCode(StatusCodes.Status502BadGateway);
        }

        using (response)
        {
            var type = response.Content.Headers.ContentType?.MediaType;
            if (!response.IsSuccessStatusCode || type is null || !type.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
                || type.Contains("svg", StringComparison.OrdinalIgnoreCase))
            {
                return Results.StatusCode(StatusCodes.Status502BadGateway);
            }

            var limit = options.Value.MaxImageBytes;
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new MemoryStream();
            var read = await CopyAtMostAsync(body, buffer, limit + 1, ct);
            return read > limit ? Results.StatusCode(StatusCodes.Status502BadGateway) : Results.File(buffer.ToArray(), type);
        }
    }

    private static async Task<long> CopyAtMostAsync(Stream from, Stream to, long max, CancellationToken ct)
    {
        var chunk = new byte[81920];
        long total = 0;
        int n;
        while (total < max && (n = await from.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, max - total)), ct)) > 0)
        {
            await to.WriteAsync(chunk.AsMemory(0, n), ct);
            total += n;
        }

        return total;
    }

    /// <summary>The proxy's handler: resolves the name itself and refuses private addresses unless allowed.</summary>
    public static SocketsHttpHandler CreateHandler(MediaOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            var allowed = addresses.Where(a => options.AllowPrivateNetworks || !IsPrivate(a)).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"{context.DnsEndPoint.Host} is not a public address.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    internal static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal)
        {
            return true;
        }

        var b = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork && (b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }
}
