using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;

namespace Mailroom.Core.Tests.Mail.Outbound;

public sealed class ReplyRecipientsTests
{
    private static readonly string[] Own = ["support@example.test", "old@example.test"];

    // from, replyTo, to, cc → expected reply To
    public static TheoryData<string, string?, string, string, string> ReplyCases => new()
    {
        { "customer@customer.test", null, "support@example.test", "", "customer@customer.test" },
        { "customer@customer.test", "replies@customer.test", "support@example.test", "", "replies@customer.test" },
        { "customer@customer.test", "a@customer.test, b@customer.test", "support@example.test", "", "a@customer.test,b@customer.test" },
        { "customer@customer.test", "SUPPORT@example.test, a@customer.test", "support@example.test", "", "a@customer.test" },
    };

    [Theory]
    [MemberData(nameof(ReplyCases))]
    public void Reply_FromAndReplyTo_AnswersReplyToElseFrom(string from, string? replyTo, string to, string cc, string expected)
    {
        var recipients = ReplyRecipients.Reply(Original(from, replyTo, to, cc), Own);

        Assert.Equal(expected, string.Join(',', recipients.Select(r => r.Address)));
    }

    // from, replyTo, to, cc → expected To | expected Cc
    public static TheoryData<string, string?, string, string, string, string> ReplyAllCases => new()
    {
        // The account itself is never a recipient, other To recipients stay in To.
        { "customer@customer.test", null, "support@example.test, colleague@customer.test", "", "customer@customer.test,colleague@customer.test", "" },
        // Cc is kept as Cc.
        { "customer@customer.test", null, "support@example.test", "boss@customer.test, x@other.test", "customer@customer.test", "boss@customer.test,x@other.test" },
        // Reply-To wins over From; From is not added back.
        { "customer@customer.test", "helpdesk@customer.test", "support@example.test", "", "helpdesk@customer.test", "" },
        // Duplicates (any case) appear once, in the first place they occur.
        { "customer@customer.test", null, "support@example.test, Customer@Customer.test", "colleague@customer.test, COLLEAGUE@customer.test", "customer@customer.test", "colleague@customer.test" },
        // Someone in To and Cc stays in To only.
        { "customer@customer.test", null, "support@example.test, colleague@customer.test", "colleague@customer.test", "customer@customer.test,colleague@customer.test", "" },
        // Every own address is removed: the current account and the one before a transfer, in To or Cc.
        { "customer@customer.test", null, "old@example.test", "support@example.test, boss@customer.test", "customer@customer.test", "boss@customer.test" },
    };

    [Theory]
    [MemberData(nameof(ReplyAllCases))]
    public void ReplyAll_OriginalRecipients_AreExactlyRight(string from, string? replyTo, string to, string cc, string expectedTo, string expectedCc)
    {
        var (toList, ccList) = ReplyRecipients.ReplyAll(Original(from, replyTo, to, cc), Own);

        Assert.Equal(expectedTo, string.Join(',', toList.Select(r => r.Address)));
        Assert.Equal(expectedCc, string.Join(',', ccList.Select(r => r.Address)));
    }

    [Fact]
    public void Reply_DisplayName_IsKept()
    {
        var recipients = ReplyRecipients.Reply(new Message { RawSha256 = "x", From = "customer@customer.test", FromName = "Carla Customer" }, Own);

        Assert.Equal("Carla Customer", Assert.Single(recipients).Name);
    }

    private static Message Original(string from, string? replyTo, string to, string cc) =>
        new() { RawSha256 = "x", From = from, ReplyTo = replyTo, To = to, Cc = cc, Subject = "s" };
}
