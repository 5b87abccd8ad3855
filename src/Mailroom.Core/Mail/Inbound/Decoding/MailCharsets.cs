using System.Runtime.CompilerServices;
using System.Text;

namespace Mailroom.Core.Mail.Inbound.Decoding;

/// <summary>
/// Makes every charset real mail uses decodable and decides which one a text really is: .NET ships only the
/// Unicode encodings and Latin-1 unless the code pages are registered, and refuses UTF-7 unless asked.
/// </summary>
public static class MailCharsets
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Registered when Core loads, so it precedes every MimeKit parse in the process (ingest, archives, media,
    /// the outbox) without each entry point having to remember it.
    /// </summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Encodings are process-wide and must exist before any mail is parsed.")]
    internal static void Register()
    {
        Encoding.RegisterProvider(Utf7Provider.Instance);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>
    /// The text of <paramref name="bytes"/> labelled <paramref name="label"/>. Mislabelled UTF-8 is common (web forms
    /// and mailers that stamp their locale's charset, GB2312 above all), so bytes that are valid UTF-8 and would be
    /// implausible in the label's charset are read as UTF-8.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? label)
    {
        var encoding = Find(label);
        if (encoding is null)
        {
            return IsUtf8(bytes) ? StrictUtf8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        }

        return IsMislabelledUtf8(bytes, encoding) ? StrictUtf8.GetString(bytes) : encoding.GetString(bytes);
    }

    /// <summary>Whether bytes labelled <paramref name="encoding"/> are really UTF-8 (see <see cref="Decode"/>).</summary>
    public static bool IsMislabelledUtf8(ReadOnlySpan<byte> bytes, Encoding encoding) =>
        encoding.CodePage is not 65001 and not 65000 && !IsWideUnicode(encoding) && IsUtf8(bytes) && !System.Text.Ascii.IsValid(bytes)
        && ImplausibleBesideUtf8(bytes, encoding.GetString(bytes));

    public static Encoding? Find(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        label = label.Trim().Trim('"');
        try
        {
            // Asked by name .NET refuses UTF-7 before it consults the registered providers.
            return Utf7Provider.Instance.GetEncoding(label) ?? Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // UTF-16/32 bytes are never UTF-8 text, whatever they look like.
    private static bool IsWideUnicode(Encoding encoding) => encoding.CodePage is 1200 or 1201 or 12000 or 12001;

    private static bool IsUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>
    /// Valid UTF-8 that also decodes without error in a legacy charset is the ambiguous case: legacy text forms
    /// valid UTF-8 only by chance, and that chance falls fast with every multi-byte sequence (a legacy
    /// double-byte character must happen to line up with UTF-8's lead and continuation bytes). So the label's
    /// reading is implausible when it has replacement or control characters, or the UTF-8 reading has a
    /// three- or four-byte sequence, or at least three two-byte ones.
    /// </summary>
    private static bool ImplausibleBesideUtf8(ReadOnlySpan<byte> bytes, string labelReading)
    {
        if (labelReading.Any(c => c == '\uFFFD' || (char.IsControl(c) && c is not '\r' and not '\n' and not '\t')))
        {
            return true;
        }

        var twoByte = 0;
        foreach (var b in bytes)
        {
            if (b >= 0xE0 && b < 0xF8)
            {
                return true;
            }

            if (b >= 0xC0 && b < 0xE0)
            {
                twoByte++;
            }
        }

        return twoByte >= 3;
    }
}
