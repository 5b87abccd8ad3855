using System.Globalization;

namespace Mailroom.Server.Components.Shared;

/// <summary>
/// Ages as an agent reads them at a glance ("12 min", "3 h 5 min", "2 d"), as Zendesk and Front show them:
/// exact times are in the title, the list speaks in durations.
/// </summary>
public static class RelativeTime
{
    public static string Age(DateTime since, DateTime now)
    {
        var age = now - since;
        if (age < TimeSpan.FromMinutes(1))
        {
            return "now";
        }

        if (age < TimeSpan.FromHours(1))
        {
            return $"{(int)age.TotalMinutes} min";
        }

        if (age < TimeSpan.FromDays(1))
        {
            return age.Minutes == 0 ? $"{(int)age.TotalHours} h" : $"{(int)age.TotalHours} h {age.Minutes} min";
        }

        return $"{(int)age.TotalDays} d";
    }

    /// <summary>A deadline as the agent reads it: "due in 35 min", or "breached 10 min ago" once it passed.</summary>
    public static string Due(DateTime due, DateTime now) => (due - now).Duration() < TimeSpan.FromMinutes(1)
        ? (due > now ? "due now" : "breached just now")
        : due > now ? $"due in {Age(now, due)}" : $"breached {Age(due, now)} ago";

    /// <summary>The exact moment for a tooltip, in the viewer's own words: "2026-12-01 09:08 UTC".</summary>
    public static string Exact(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>How urgent a customer's wait looks: the list colours a wait past an hour, and past four more.</summary>
    public static string WaitClass(DateTime since, DateTime now) => (now - since) switch
    {
        var w when w >= TimeSpan.FromHours(4) => "wait long",
        var w when w >= TimeSpan.FromHours(1) => "wait due",
        _ => "wait",
    };
}
