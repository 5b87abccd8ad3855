using System.Globalization;
using System.Text;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

/// <summary>A message as the scripted server holds it: sequence number, UID and exact raw bytes.</summary>
internal sealed record HeldMessage(int Seq, uint Uid, byte[] Raw)
{
    /// <summary>A plain customer mail whose Message-ID is <c>{subject}@customer.test</c>, lower-cased.</summary>
    public static HeldMessage Mail(int seq, uint uid, string subject) =>
        new(seq, uid, Encoding.UTF8.GetBytes(IngestFixture.Mail(subject, MessageIdOf(subject))));

    public static string MessageIdOf(string subject) => subject.ToLower(CultureInfo.InvariantCulture).Replace(' ', '-') + "@customer.test";

    /// <summary>The same message at another place, as after a mailbox was recreated.</summary>
    public HeldMessage At(int seq, uint uid) => this with { Seq = seq, Uid = uid };

    /// <summary>The untagged FETCH response carrying the whole message as one literal (a partial fetch names its origin, "BODY[]&lt;0&gt;").</summary>
    public byte[] BodyResponse(string section = "BODY[]") =>
        [.. Encoding.ASCII.GetBytes($"* {Seq} FETCH (UID {Uid} {section} {{{Raw.Length}}}\r\n"), .. Raw, .. ")\r\n"u8];
}
