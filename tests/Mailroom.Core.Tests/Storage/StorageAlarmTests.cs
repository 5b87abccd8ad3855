using Mailroom.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Core.Tests.Storage;

/// <summary>The administrators hear of a full disk while it matters, and no longer once writes stopped failing.</summary>
public sealed class StorageAlarmTests
{
    [Fact]
    public void Problem_NamesWhenAndWhich_UntilFifteenMinutesAfterTheLastFailure()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 17, 5, 0, TimeSpan.Zero));
        var alarm = new StorageAlarm(clock);
        Assert.Null(alarm.Problem);

        alarm.Raise("saving POST /api/uploads");
        clock.Advance(TimeSpan.FromMinutes(10));
        alarm.Raise("saving POST /api/interactions/7/reply");

        Assert.StartsWith("The disk was full at 17:15 UTC (saving POST /api/interactions/7/reply)", alarm.Problem, StringComparison.Ordinal);
        clock.Advance(StorageAlarm.ShownFor - TimeSpan.FromSeconds(1));
        Assert.NotNull(alarm.Problem);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(alarm.Problem);
    }
}
