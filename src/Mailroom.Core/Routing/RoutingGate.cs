namespace Mailroom.Core.Routing;

/// <summary>
/// Serialises this instance's routing passes, so the event subscriber and the timer worker do not race each
/// other for the same task. Across instances the task's Version decides; accepting never waits for it.
/// </summary>
public sealed class RoutingGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _semaphore.WaitAsync(ct);
        return new Releaser(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
