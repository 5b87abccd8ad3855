namespace Mailroom.Core.Storage;

/// <summary>
/// The last write that failed because the disk was full, for the administrators' set-up checklist. Kept in
/// memory: a full disk is the state of this node's disk now, and a row saying so could not be written anyway.
/// Shown for <see cref="ShownFor"/> after the last failure, so it goes away once writes stop failing.
/// </summary>
public sealed class StorageAlarm(TimeProvider time)
{
    public static readonly TimeSpan ShownFor = TimeSpan.FromMinutes(15);

    private volatile Failure? _last;

    /// <summary>A write failed for lack of space; <paramref name="what"/> says which (e.g. the request).</summary>
    public void Raise(string what) => _last = new Failure(time.GetUtcNow().UtcDateTime, what);

    /// <summary>The problem in the administrator's words, or null when no write failed recently.</summary>
    public string? Problem =>
        _last is { } last && time.GetUtcNow().UtcDateTime - last.At < ShownFor
            ? $"The disk was full at {last.At:HH:mm} UTC ({last.What}): nothing could be saved. Free space on Mailroom's data disk; the same requests then succeed."
            : null;

    private sealed record Failure(DateTime At, string What);
}
