using System.Text;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Inbound;

namespace Mailroom.Core.Tests.Mail.Inbound;

public sealed class ParsedMailTests
{
    private static ParsedMail Parse(string raw) => ParsedMail.Parse(Encoding.UTF8.GetBytes(raw));

    [Theory]
    [InlineData("support@example.test", null, AddressedAs.To)]
    [InlineData("other@example.test", "Support@Example.test", AddressedAs.Cc)]
    [InlineData("other@example.test", null, AddressedAs.Bcc)]
    public void AddressedTo_WhereTheAccountAppears_IsToCcOrBcc(string to, string? cc, AddressedAs expected) =>
        Assert.Equal(expected, Parse(IngestFixture.Mail("s", "m@x.test", to: to, cc: cc)).AddressedTo("support@example.test"));

    [Theory]
    [InlineData("Auto-Submitted: auto-replied\r\n", true)]
    [InlineData("Auto-Submitted: no\r\n", false)]
    [InlineData("Precedence: bulk\r\n", true)]
    [InlineData("Precedence: list\r\n", true)]
    [InlineData("", false)]
    public void IsAutomatic_FollowsAutoSubmittedAndPrecedence(string header, bool expected) =>
        Assert.Equal(expected, Parse(IngestFixture.Mail("s", "m@x.test", extraHeaders: header)).IsAutomatic);

    [Fact]
    public void Preview_LongHtmlOnlyMessage_IsItsTextCutTo200Characters()
    {
        var html = "<html><body><p>" + new string('a', 300) + "</p></body></html>";
        var raw = $"From: a@x.test\r\nTo: support@example.test\r\nSubject: s\r\nContent-Type: text/html\r\n\r\n{html}\r\n";

        var preview = Parse(raw).Preview();

        Assert.Equal(new string('a', 200), preview);
    }

    [Fact]
    public void Parse_AttachmentAndInlineImage_AreParts_NotBodies()
    {
        const string raw = "From: a@x.test\r\nTo: support@example.test\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
            + "--b\r\nContent-Type: application/pdf; name=bill.pdf\r\nContent-Disposition: attachment; filename=bill.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERg==\r\n"
            + "--b\r\nContent-Type: image/png\r\nContent-Disposition: inline\r\nContent-ID: <logo@x>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw==\r\n"
            + "--b--\r\n";

        var parsed = Parse(raw);

        Assert.Equal("see attached", parsed.TextBody?.Trim());
        Assert.Collection(parsed.Parts,
            p => Assert.Equal(("bill.pdf", "application/pdf", false, 4), (p.FileName, p.ContentType, p.IsInline, p.Content.Length)),
            p => Assert.Equal(("image/png", "logo@x", true), (p.ContentType, p.ContentId, p.IsInline)));
    }

    [Fact]
    public void ThreadIds_InReplyToFirst_ThenReferencesNewestFirst()
    {
        var raw = "From: a@x.test\r\nTo: s@x.test\r\nSubject: s\r\nIn-Reply-To: <c@x>\r\nReferences: <a@x> <b@x> <c@x>\r\n\r\nb\r\n";

        Assert.Equal(["c@x", "b@x", "a@x"], Parse(raw).ThreadIds());
    }
}
