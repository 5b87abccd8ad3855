using Mailroom.Core.Common;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailroom.Core.Tests.Routing;

public sealed class WorkerBackoffTests
{
    [Fact]
    public void Delay_AfterFailuresInARow_DoublesFromTheTickUpToTheMax_AndIsTheTickAgainOnceAPassSucceeds()
    {
        var backoff = new WorkerBackoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromMilliseconds(250), backoff.Delay);

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            backoff.Failed(NullLogger.Instance, "Routing timers", new IOException("No space left on device"));
            delays.Add(backoff.Delay);
        }

        Assert.Equal([0.5, 1, 2, 4, 8, 10, 10, 10], delays.Select(d => d.TotalSeconds));
        backoff.Succeeded(NullLogger.Instance, "Routing timers");
        Assert.Equal(TimeSpan.FromMilliseconds(250), backoff.Delay);
    }
}
