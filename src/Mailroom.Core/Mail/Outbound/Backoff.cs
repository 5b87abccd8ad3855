namespace Mailroom.Core.Mail.Outbound;

/// <summary>
/// When a temporarily failed message is tried again: 5 s, 10 s, 20 s … doubling, at most every 15 min when the
/// server refused this message (a full mailbox, greylisting), but at most every 10 s when it could not be reached
/// or would not log us in: that says nothing about the message, and a reply should leave within seconds of the
/// server coming back.
/// </summary>
public static class Backoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ConnectionMax = TimeSpan.FromSeconds(10);

    /// <summary>The delay after the <paramref name="attempts"/>-th failed attempt (1-based), at most <paramref name="max"/> (default <see cref="Max"/>).</summary>
    public static TimeSpan Delay(int attempts, TimeSpan? max = null)
    {
        var cap = max ?? Max;
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var seconds = First.TotalSeconds * Math.Pow(2, exponent);
        return seconds >= cap.TotalSeconds ? cap : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The next attempt, or null when it would fall after <paramref name="giveUpAt"/> (the 24 h promise is over).</summary>
    public static DateTime? NextAttempt(int attempts, DateTime now, DateTime giveUpAt, TimeSpan? max = null)
    {
        var next = now + Delay(attempts, max);
        return next > giveUpAt ? null : next;
    }
}
