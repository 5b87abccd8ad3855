using System.Globalization;
using Mailroom.Server.Components.Shared;

namespace Mailroom.Server.Components.Pages.Desktop;

/// <summary>One way to say "later", as the agent picks it: its key in the select and its words.</summary>
public sealed record LaterChoice(string Key, string Words);

/// <summary>
/// "Later" on the desktop, for parking and for scheduled send: in an hour, in four hours, the account's next
/// business morning, or a time the agent chooses (UTC, as every time on the desktop).
/// </summary>
public static class LaterChoices
{
    public const string Hour = "1h";
    public const string FourHours = "4h";
    public const string Morning = "morning";
    public const string ChosenTime = "at";

    public static IReadOnlyList<LaterChoice> Times(DateTime morning) =>
    [
        new(Hour, "in 1 hour"),
        new(FourHours, "in 4 hours"),
        new(Morning, $"next business morning ({morning.ToString("ddd", CultureInfo.InvariantCulture)} {RelativeTime.Exact(morning)})"),
        new(ChosenTime, "at a time I choose (UTC)"),
    ];

    /// <summary>The instant a time choice means; null for another key, or a morning or chosen time not known.</summary>
    public static DateTime? Resolve(string? key, DateTime now, DateTime? morning, DateTime? chosen) => key switch
    {
        Hour => now.AddHours(1),
        FourHours => now.AddHours(4),
        Morning => morning,
        ChosenTime => chosen is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null,
        _ => null,
    };
}
