using System.Globalization;
using Mailroom.Core.Calendars;

namespace Mailroom.Server.Components.Pages.Admin;

/// <summary>The working-hours editor's state: what the admin types, turned into the API's input on save.</summary>
public sealed class IntervalForm
{
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public List<SubIntervalForm> Parts { get; set; } = [new()];
    public List<DateOnly> Holidays { get; set; } = [];

    public static IntervalForm From(IntervalView view) => new()
    {
        Name = view.Name,
        TimeZone = view.TimeZone,
        Parts = view.Parts.Select(SubIntervalForm.Of).ToList(),
        Holidays = view.Holidays.ToList(),
    };

    public IntervalInput ToInput() => new(Name, TimeZone, Parts.Select(p => p.ToSubInterval()).ToList(), Holidays);
}

public sealed class SubIntervalForm
{
    public TimeOnly? From { get; set; }
    public TimeOnly? To { get; set; }
    public HashSet<DayOfWeek> WeekDays { get; } = [];
    public HashSet<int> Months { get; } = [];

    /// <summary>Days of the month as typed ("1, 15"); a word that is no day becomes 0, which the save refuses by name.</summary>
    public string? MonthDays { get; set; }

    public static SubIntervalForm Of(SubInterval part)
    {
        var form = new SubIntervalForm { From = AsTime(part.From), To = AsTime(part.To), MonthDays = string.Join(", ", part.MonthDays ?? []) };
        form.WeekDays.UnionWith(part.WeekDays ?? []);
        form.Months.UnionWith(part.Months ?? []);
        return form;
    }

    public SubInterval ToSubInterval() => new(
        From?.ToString("H:mm", CultureInfo.InvariantCulture),
        To?.ToString("H:mm", CultureInfo.InvariantCulture),
        WeekDays.Order().ToList(),
        (MonthDays ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var day) ? day : 0).ToList(),
        Months.Order().ToList());

    private static TimeOnly? AsTime(string? time) =>
        Core.Calendars.WorkingHours.ParseMinute(time) is { } minute ? TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minute)) : null;

    public static void Toggle<T>(HashSet<T> set, T value, bool on)
    {
        if (on)
        {
            set.Add(value);
        }
        else
        {
            set.Remove(value);
        }
    }
}
