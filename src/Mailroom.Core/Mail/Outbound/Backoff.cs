namespace Mailroom.Core.Mail.Outbound;

/// <summary>When a temporarily failed message is tried again: 5 s, 10 s, 20 s … doubling, at most every 15 min.</summary>
public static class Backoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(15);

    /// <summary>The delay after the <paramref name="attempts"/>-th failed attempt (1-based).</summary>
    public static TimeSpan Delay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var seconds = First.TotalSeconds * Math.Pow(2, exponent);
        return seconds >= Max.TotalSeconds ? Max : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The next attempt, or null when it would fall after <paramref name="giveUpAt"/> (the 24 h promise is over).</summary>
    public static DateTime? NextAttempt(int attempts, DateTime now, DateTime giveUpAt)
    {
        var next = now + Delay(attempts);
        return next > giveUpAt ? null : next;
    }
}
