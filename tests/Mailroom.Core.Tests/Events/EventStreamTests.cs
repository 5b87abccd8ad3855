using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Tests.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailroom.Core.Tests.Events;

/// <summary>
/// The event stream on a real database with consumers that hang: each consumer has its own queue, so one that
/// never returns (a Blazor circuit whose browser is gone) delays neither routing nor anyone else.
/// </summary>
public sealed class EventStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource _never = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RoutingHarness _harness = null!;
    private EventStream _stream = null!;

    public async Task InitializeAsync()
    {
        _harness = await RoutingHarness.CreateAsync();
        _stream = new EventStream(Scopes, TimeProvider.System, NullLogger<EventStream>.Instance);
        await _stream.StartAsync(default);
        // Events committed before the stream has read where to start are history, not news.
        await Eventually(() => Task.FromResult(_stream.Cursor >= 0));
    }

    private IServiceScopeFactory Scopes => _harness.Scope().ServiceProvider.GetRequiredService<IServiceScopeFactory>();

    [Fact]
    public async Task Publish_ConsumerBlocksForever_AnotherConsumerGetsEveryEventInOrder()
    {
        using var hung = _stream.Subscribe((_, _) => _never.Task, capacity: 4);
        var seen = new List<long>();
        var all = new TaskCompletionSource();
        using var live = _stream.Subscribe((e, _) =>
        {
            seen.Add(e.Sequence);
            if (seen.Count == 50)
            {
                all.TrySetResult();
            }

            return Task.CompletedTask;
        });

        var appended = await AppendAsync(50);

        await all.Task.WaitAsync(Patience);
        Assert.Equal(appended, seen);
    }

    [Fact]
    public async Task Publish_ConsumerBlocksForever_RoutingStillOffersNewInteraction()
    {
        var agent = (await _harness.AddAgentsAsync(1))[0];
        await _harness.AddQueueAsync(RoutingStrategy.RingAll, [agent]);
        using var hung = _stream.Subscribe((_, _) => _never.Task, capacity: 1);
        var routing = new RoutingSubscriber(_stream, Scopes, new RoutingGate());
        await routing.StartAsync(default);

        // Fills the hung consumer's queue before the interaction that routing must offer.
        await AppendAsync(10);
        long id;
        await using (var db = _harness.Database.NewContext())
        {
            var interaction = new Interaction { AccountId = _harness.AccountId, Subject = "Help", CreatedAt = _harness.Now, LastActivityAt = _harness.Now };
            db.Interactions.Add(interaction);
            await db.SaveChangesAsync();
            db.Append(new InteractionCreated(interaction.Id, _harness.AccountId), _harness.Now, _harness.AccountId, interaction.Id);
            await db.SaveChangesAsync();
            id = interaction.Id;
        }

        _stream.Wake();

        await Eventually(async () => (await _harness.OfferedToAsync(id)).SequenceEqual([agent]));
        await routing.StopAsync(default);
    }

    [Fact]
    public async Task Offer_ConsumerFellBehind_CatchesUpFromDatabaseInOrderOnceItRuns()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<long>();
        using var slow = _stream.Subscribe(async (e, _) =>
        {
            await gate.Task;
            seen.Add(e.Sequence);
        }, capacity: 2);

        var appended = await AppendAsync(30);
        await Eventually(() => Task.FromResult(_stream.Cursor == appended[^1]));
        gate.SetResult();

        await Eventually(() => Task.FromResult(seen.Count == appended.Count));
        Assert.Equal(appended, seen);
    }

    [Fact]
    public async Task Resume_SuspendedConsumer_GetsWhatItMissedAndThenLiveEvents()
    {
        var seen = new List<long>();
        using var away = _stream.Subscribe((e, _) =>
        {
            seen.Add(e.Sequence);
            return Task.CompletedTask;
        });
        var before = await AppendAsync(1);
        await Eventually(() => Task.FromResult(seen.Count == 1));

        away.Suspend();
        var missed = await AppendAsync(5);
        await Eventually(() => Task.FromResult(_stream.Cursor == missed[^1]));
        Assert.Single(seen);

        away.Resume();
        var after = await AppendAsync(2);

        await Eventually(() => Task.FromResult(seen.Count == 8));
        Assert.Equal([.. before, .. missed, .. after], seen);
    }

    [Fact]
    public async Task Dispose_HandlerHangs_ReturnsAndNoLaterEventReachesIt()
    {
        var calls = 0;
        var hung = _stream.Subscribe((_, ct) =>
        {
            Interlocked.Increment(ref calls);
            return Task.Delay(Timeout.Infinite, ct);
        });
        await AppendAsync(1);
        await Eventually(() => Task.FromResult(Volatile.Read(ref calls) == 1));

        hung.Dispose();
        var appended = await AppendAsync(3);
        await Eventually(() => Task.FromResult(_stream.Cursor == appended[^1]));

        Assert.Equal(1, Volatile.Read(ref calls));
    }

    private async Task<List<long>> AppendAsync(int count)
    {
        await using var db = _harness.Database.NewContext();
        var events = Enumerable.Range(0, count).Select(i => new StoredEvent { Type = "Probe", Payload = "{}", At = _harness.Now }).ToList();
        db.Events.AddRange(events);
        await db.SaveChangesAsync();
        _stream.Wake();
        return events.Select(e => e.Sequence).ToList();
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < Patience, "The condition did not come true in time.");
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        _never.TrySetResult();
        await _stream.StopAsync(default);
        _stream.Dispose();
        await _harness.DisposeAsync();
    }
}
