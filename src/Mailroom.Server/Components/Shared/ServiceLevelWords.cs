using System.Globalization;

namespace Mailroom.Server.Components.Shared;

/// <summary>Service-level durations as a supervisor writes them: "4 h", "30 min", "1 h 30 min", "2 d".</summary>
public static class ServiceLevelWords
{
    public static string Duration(TimeSpan span)
    {
        var minutes = (long)Math.Round(span.TotalMinutes);
        if (minutes < 60)
        {
            return Invariant($"{minutes} min");
        }

        if (minutes % (24 * 60) == 0)
        {
            return Invariant($"{minutes / (24 * 60)} d");
        }

        return minutes % 60 == 0 ? Invariant($"{minutes / 60} h") : Invariant($"{minutes / 60} h {minutes % 60} min");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
