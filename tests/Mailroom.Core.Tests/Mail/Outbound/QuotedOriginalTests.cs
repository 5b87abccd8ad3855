using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;

namespace Mailroom.Core.Tests.Mail.Outbound;

/// <summary>How the message answered or forwarded appears under the agent's words.</summary>
public sealed class QuotedOriginalTests
{
    private static readonly Message Original = new()
    {
        From = "omar@customer.test",
        FromName = "Omar Haddad",
        To = "support@example.test",
        Subject = "Parcel",
        RawSha256 = new string('a', 64),
        TextBody = "Where is my parcel?\r\nOrder 4711",
        Date = new DateTime(2026, 12, 1, 9, 8, 0, DateTimeKind.Utc),
    };

    [Fact]
    public void PlainTextReply_QuotesEveryLineWithAMarker_UnderWhoWroteItAndWhen()
    {
        var quoted = QuotedOriginal.Replied(Original, BodyFormat.Text);

        Assert.Equal("\n\nOn Tue, 1 Dec 2026 09:08 UTC, Omar Haddad <omar@customer.test> wrote:\n> Where is my parcel?\n> Order 4711", quoted);
    }

    [Fact]
    public void HtmlReply_PutsTheOriginalInACiteBlockquote_WithTheIntroEncoded()
    {
        var quoted = QuotedOriginal.Replied(Original, BodyFormat.Html);

        Assert.Contains("Omar Haddad &lt;omar@customer.test&gt; wrote:", quoted, StringComparison.Ordinal);
        Assert.Contains("<blockquote type=\"cite\">", quoted, StringComparison.Ordinal);
        Assert.Contains("Order 4711", quoted, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_CarriesTheOriginalHeaders()
    {
        var quoted = QuotedOriginal.Forwarded(Original, BodyFormat.Text);

        Assert.Contains("---------- Forwarded message ----------\nFrom: Omar Haddad <omar@customer.test>\n", quoted, StringComparison.Ordinal);
        Assert.Contains("Subject: Parcel\nTo: support@example.test\n", quoted, StringComparison.Ordinal);
    }
}
