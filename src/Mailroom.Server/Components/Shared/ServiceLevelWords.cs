using System.Globalization;

namespace Mailroom.Server.Components.Shared;

/// <summary>Service-level durations as a supervisor writes them: "30 min", "4 h", "1 h 30 min".</summary>
public static class ServiceLevelWords
{
    public static string Duration(TimeSpan span)
    {
        var minutes = (long)Math.Round(span.TotalMinutes);
        var culture = CultureInfo.InvariantCulture;
        return minutes switch
        {
            < 60 => string.Create(culture, $"{minutes} min"),
            _ when minutes % 60 == 0 => string.Create(culture, $"{minutes / 60} h"),
            _ => string.Create(culture, $"{minutes / 60} h {minutes % 60} min"),
        };
    }
}
