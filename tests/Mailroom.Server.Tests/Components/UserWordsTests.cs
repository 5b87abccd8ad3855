using Mailroom.Server.Components.Shared;

namespace Mailroom.Server.Tests.Components;

/// <summary>What the pages say instead of API field names and timestamps.</summary>
public sealed class UserWordsTests
{
    [Theory]
    [InlineData("imap.host", "imap.host is required.", "IMAP server is required.")]
    [InlineData("dispositionId", "dispositionId is required: this account's disposition is mandatory.", "Disposition is required: this account's disposition is mandatory.")]
    [InlineData("cc[1]", "cc[1] 'bob@' is not an email address.", "Cc address 2 'bob@' is not an email address.")]
    [InlineData("maxAttachmentMb", "maxAttachmentMb must be between 1 and 50.", "Max attachment mb must be between 1 and 50.")]
    [InlineData("subject", "Choose a subject.", "Choose a subject.")]
    public void ValidationMessages_NameTheFieldAsTheFormDoes(string field, string message, string expected) =>
        Assert.Equal(expected, FieldWords.Humanize(field, message));

    [Theory]
    [InlineData(20, "now")]
    [InlineData(60 * 12, "12 min")]
    [InlineData(60 * 60 * 3, "3 h")]
    [InlineData(60 * (60 * 3 + 5), "3 h 5 min")]
    [InlineData(60 * 60 * 50, "2 d")]
    public void Ages_ReadAsDurations(int seconds, string expected)
    {
        var now = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal(expected, RelativeTime.Age(now.AddSeconds(-seconds), now));
    }

    [Fact]
    public void AWaitPastAnHour_IsMarkedDue_AndPastFourHoursLong()
    {
        var now = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal("wait", RelativeTime.WaitClass(now.AddMinutes(-59), now));
        Assert.Equal("wait due", RelativeTime.WaitClass(now.AddHours(-1), now));
        Assert.Equal("wait long", RelativeTime.WaitClass(now.AddHours(-4), now));
    }
}
