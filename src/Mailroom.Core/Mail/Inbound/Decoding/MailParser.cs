using System.Runtime.InteropServices;
using MimeKit;

namespace Mailroom.Core.Mail.Inbound.Decoding;

/// <summary>Reads raw mail as a mail client would: past a junk line before the headers, headers in the sender's charset.</summary>
public static class MailParser
{
    /// <summary>How far into a message a junk preamble is looked past; beyond that it is not a header block.</summary>
    private const int JunkLimit = 1024;

    /// <summary>Parses raw bytes; MimeKit's exceptions (a message broken beyond the lenient retry) reach the caller.</summary>
    public static MimeMessage Load(ReadOnlyMemory<byte> raw)
    {
        MimeMessage message;
        try
        {
            message = Load(raw, ParserOptions.Default);
        }
        catch (FormatException) when (FirstHeaderLine(raw.Span) is > 0 and var start)
        {
            // A line pasted above the headers ("---- Original email message ----", a forwarding banner): clients
            // show the message from its first header on, so do we; the raw copy keeps every byte.
            raw = raw[start..];
            message = Load(raw, ParserOptions.Default);
        }

        message = HeaderRepair.WithBodyCharset(message, o => Load(raw, o));
        HeaderRepair.RewriteEncodedWords(message);
        return message;
    }

    private static MimeMessage Load(ReadOnlyMemory<byte> raw, ParserOptions options)
    {
        using var stream = MemoryMarshal.TryGetArray(raw, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(raw.ToArray(), writable: false);
        return MimeMessage.Load(options, stream);
    }

    /// <summary>The offset of the first line, after the first, that starts like a header field ("Name:"), or -1.</summary>
    private static int FirstHeaderLine(ReadOnlySpan<byte> raw)
    {
        var start = raw.IndexOf((byte)'\n') + 1;
        while (start > 0 && start < Math.Min(raw.Length, JunkLimit))
        {
            var line = raw[start..];
            var name = line.IndexOfAnyExceptInRange((byte)'!', (byte)'~');
            var colon = line.IndexOf((byte)':');
            if (colon > 0 && (name < 0 || colon < name))
            {
                return start;
            }

            var next = line.IndexOf((byte)'\n');
            start = next < 0 ? -1 : start + next + 1;
        }

        return -1;
    }
}
