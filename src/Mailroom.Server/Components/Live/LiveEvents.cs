using System.Runtime.CompilerServices;
using Mailroom.Core.Events;

namespace Mailroom.Server.Components.Live;

/// <summary>
/// The event subscriptions of one circuit (one browser tab). While its browser is away they are suspended,
/// so a gone laptop costs no JavaScript calls that wait out their timeout; when it comes back they catch up
/// from the database; when the circuit ends they all end with it.
/// </summary>
public sealed class LiveEvents(EventStream stream) : IDisposable
{
    // Small: a circuit that cannot keep up reads what it missed from the database instead of holding memory.
    private const int Capacity = 256;

    private readonly Lock _gate = new();
    private readonly List<EventSubscription> _subscriptions = [];
    private bool _away;

    public IDisposable Subscribe(Func<StoredEvent, CancellationToken, Task> handler, [CallerFilePath] string name = "")
    {
        var subscription = stream.Subscribe(handler, Capacity, name);
        lock (_gate)
        {
            if (_away)
            {
                subscription.Suspend();
            }

            _subscriptions.Add(subscription);
        }

        return new Ending(() =>
        {
            lock (_gate)
            {
                _subscriptions.Remove(subscription);
            }

            subscription.Dispose();
        });
    }

    internal void Away() => ForEach(s => s.Suspend(), away: true);

    internal void Back() => ForEach(s => s.Resume(), away: false);

    /// <summary>Ends every subscription still open; returns how many there were.</summary>
    internal int EndAll()
    {
        List<EventSubscription> open;
        lock (_gate)
        {
            open = [.. _subscriptions];
            _subscriptions.Clear();
        }

        open.ForEach(s => s.Dispose());
        return open.Count;
    }

    private void ForEach(Action<EventSubscription> action, bool away)
    {
        lock (_gate)
        {
            _away = away;
            _subscriptions.ForEach(action);
        }
    }

    public void Dispose() => EndAll();

    private sealed class Ending(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
