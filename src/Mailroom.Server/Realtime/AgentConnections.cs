namespace Mailroom.Server.Realtime;

/// <summary>
/// Which agents have a live connection to this instance (hub connections and Blazor circuits), and since when
/// the last one of an agent is gone. Only agents seen connected here are followed: one who works through the
/// API alone, or was connected to another instance, is never taken offline by this one.
/// </summary>
public sealed class AgentConnections(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, HashSet<string>> _open = [];
    private readonly Dictionary<int, DateTimeOffset> _goneSince = [];

    public void Connected(int userId, string connectionId)
    {
        lock (_gate)
        {
            if (!_open.TryGetValue(userId, out var connections))
            {
                _open[userId] = connections = [];
            }

            connections.Add(connectionId);
            _goneSince.Remove(userId);
        }
    }

    public void Disconnected(int userId, string connectionId)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(userId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _open.Remove(userId);
                _goneSince[userId] = time.GetUtcNow();
            }
        }
    }

    /// <summary>The agents whose last connection has been gone for at least <paramref name="grace"/>, each once.</summary>
    public IReadOnlyList<int> TakeGone(TimeSpan grace)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var gone = _goneSince.Where(g => now - g.Value >= grace).Select(g => g.Key).ToList();
            gone.ForEach(id => _goneSince.Remove(id));
            return gone;
        }
    }
}
