using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Mailroom.Core.Mail.Inbound.Decoding;

/// <summary>
/// Fixes the two ways real mail's display headers (subject, names) decode wrong in MimeKit's strict reading:
/// raw 8-bit text in the sender's legacy charset, and encoded-words whose charset label is not what the bytes are.
/// </summary>
internal static partial class HeaderRepair
{
    private static readonly HeaderId[] Displayed = [HeaderId.Subject, HeaderId.From, HeaderId.Sender, HeaderId.ReplyTo, HeaderId.To, HeaderId.Cc];

    /// <summary>
    /// Raw 8-bit headers carry no label; MimeKit tries UTF-8, then Latin-1. Mail clients read them in the charset
    /// the same client declared for the body, so when a header is not UTF-8 the message is read again with that
    /// charset as the fallback. Returns <paramref name="message"/> itself when nothing needs it.
    /// </summary>
    public static MimeMessage WithBodyCharset(MimeMessage message, Func<ParserOptions, MimeMessage> reparse)
    {
        if (!Displayed.Any(id => message.Headers[id] is not null && HasLegacyBytes(message, id)))
        {
            return message;
        }

        var charset = message.BodyParts.OfType<TextPart>().Select(p => MailCharsets.Find(p.ContentType.Charset)).FirstOrDefault(e => e is not null);
        return charset is null || charset.CodePage == 65001 ? message : reparse(new ParserOptions { CharsetEncoding = charset });
    }

    /// <summary>
    /// Rewrites the encoded-words MimeKit would misread as UTF-8 ones: per header, the words of one charset
    /// whose bytes together are really UTF-8 (relabelled), and UTF-7 words, which MimeKit cannot decode (transcoded).
    /// </summary>
    public static void RewriteEncodedWords(MimeMessage message)
    {
        foreach (var header in message.Headers.Where(h => Displayed.Contains(h.Id)).ToList())
        {
            var raw = Encoding.Latin1.GetString(header.RawValue);
            var words = EncodedWord().Matches(raw);
            var mislabelled = words.GroupBy(w => w.Groups["charset"].Value, StringComparer.OrdinalIgnoreCase)
                .Where(g => MailCharsets.Find(g.Key) is { } encoding
                    && MailCharsets.IsMislabelledUtf8(g.SelectMany(w => Payload(w.Groups["encoding"].Value, w.Groups["text"].Value)).ToArray(), encoding))
                .Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var utf7 = words.Any(w => MailCharsets.Find(w.Groups["charset"].Value)?.CodePage == 65000);
            if (mislabelled.Count > 0 || utf7)
            {
                var rewritten = EncodedWord().Replace(raw, w => Rewrite(w, mislabelled));
                header.SetRawValue(Encoding.Latin1.GetBytes(rewritten));
            }
        }
    }

    private static string Rewrite(Match word, HashSet<string> mislabelled)
    {
        var (charset, encoding, text) = (word.Groups["charset"].Value, word.Groups["encoding"].Value, word.Groups["text"].Value);
        if (mislabelled.Contains(charset))
        {
            return $"=?utf-8?{encoding}?{text}?=";
        }

        return MailCharsets.Find(charset) is { CodePage: 65000 } utf7
            ? $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(utf7.GetString(Payload(encoding, text))))}?="
            : word.Value;
    }

    private static bool HasLegacyBytes(MimeMessage message, HeaderId id) =>
        message.Headers.Where(h => h.Id == id).Any(h => !Ascii.IsValid(h.RawValue) && !System.Text.Unicode.Utf8.IsValid(h.RawValue));

    private static byte[] Payload(string encoding, string text)
    {
        if (encoding is "B" or "b")
        {
            var padded = text.TrimEnd('=');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            try
            {
                return Convert.FromBase64String(padded);
            }
            catch (FormatException)
            {
                return [];
            }
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.Add(text[i] == '_' ? (byte)' ' : (byte)text[i]);
            }
        }

        return [.. bytes];
    }

    // RFC 2047 (with RFC 2231's optional *language after the charset).
    [GeneratedRegex(@"=\?(?<charset>[^?*\s]+)(?<lang>\*[^?\s]*)?\?(?<encoding>[BbQq])\?(?<text>[^?\s]*)\?=")]
    private static partial Regex EncodedWord();
}
