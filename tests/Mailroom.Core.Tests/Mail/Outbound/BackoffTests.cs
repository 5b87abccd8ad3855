using Mailroom.Core.Mail.Outbound;

namespace Mailroom.Core.Tests.Mail.Outbound;

public sealed class BackoffTests
{
    public static TheoryData<int, int> Schedule => new()
    {
        { 1, 5 },
        { 2, 10 },
        { 3, 20 },
        { 4, 40 },
        { 8, 640 },
        { 9, 900 },
        { 50, 900 },
    };

    [Theory]
    [MemberData(nameof(Schedule))]
    public void Delay_AfterNAttempts_DoublesFromFiveSecondsCappedAtFifteenMinutes(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Delay(attempts));
    }

    [Fact]
    public void NextAttempt_PastGiveUp_IsNull()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(now.AddSeconds(5), Backoff.NextAttempt(1, now, now.AddSeconds(5)));
        Assert.Null(Backoff.NextAttempt(1, now, now.AddSeconds(4)));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 10)]
    [InlineData(40, 10)]
    public void Delay_ServerUnreachable_IsCappedAtTenSeconds_SoAReplyLeavesSoonAfterItIsBack(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Delay(attempts, Backoff.ConnectionMax));
    }
}
