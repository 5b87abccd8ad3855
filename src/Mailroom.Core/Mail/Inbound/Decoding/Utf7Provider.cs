using System.Text;

namespace Mailroom.Core.Mail.Inbound.Decoding;

/// <summary>
/// UTF-7 (RFC 2152), still sent by old Outlook Express and some webmail. .NET refuses it by name because
/// UTF-7 can smuggle markup past byte-level filters; here it is only ever decoded to text that is sanitized
/// afterwards like any other, so that risk does not apply.
/// </summary>
internal sealed class Utf7Provider : EncodingProvider
{
    public static readonly Utf7Provider Instance = new();

    private static readonly string[] Names = ["utf-7", "utf7", "unicode-1-1-utf-7", "unicode-2-0-utf-7", "x-unicode-1-1-utf-7", "x-unicode-2-0-utf-7"];

#pragma warning disable SYSLIB0001 // see the class comment: decode only, sanitized after
    private static readonly Encoding Utf7 = new UTF7Encoding(allowOptionals: true);
#pragma warning restore SYSLIB0001

    public override Encoding? GetEncoding(int codepage) => codepage == 65000 ? Utf7 : null;

    public override Encoding? GetEncoding(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase) ? Utf7 : null;
}
