using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mailroom.Core.Calendars;

/// <summary>
/// Named working hours ("intervals"): any of its parts, in its time zone, outside its holidays. A plan step
/// bound to it runs only inside it.
/// </summary>
public sealed class WorkingInterval
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>An IANA time zone id, e.g. Europe/Rome.</summary>
    public required string TimeZone { get; set; }

    public IntervalRules Rules { get; set; } = new([], []);
}

/// <summary>The parts (any one matching is enough) and the holiday dates (never inside).</summary>
public sealed record IntervalRules(IReadOnlyList<SubInterval> Parts, IReadOnlyList<DateOnly> Holidays);

/// <summary>
/// One part: a time range ("9:00"–"13:00", minute-inclusive: 13:00:59 is inside; From after To wraps past
/// midnight), week days, month days (1–31), months (1–12). An empty or missing list means "any".
/// </summary>
public sealed record SubInterval(string? From = null, string? To = null, IReadOnlyList<DayOfWeek>? WeekDays = null,
    IReadOnlyList<int>? MonthDays = null, IReadOnlyList<int>? Months = null);

/// <summary>Whether an instant is inside working hours. Pure, so it is tested as a table with a fake clock.</summary>
public static class WorkingHours
{
    public static bool IsInside(WorkingInterval interval, DateTime utc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(interval.TimeZone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        if (interval.Rules.Holidays.Contains(DateOnly.FromDateTime(local)))
        {
            return false;
        }

        var minute = (local.Hour * 60) + local.Minute;
        return interval.Rules.Parts.Any(p =>
            (p.WeekDays is not { Count: > 0 } days || days.Contains(local.DayOfWeek))
            && (p.MonthDays is not { Count: > 0 } monthDays || monthDays.Contains(local.Day))
            && (p.Months is not { Count: > 0 } months || months.Contains(local.Month))
            && InTimeRange(p, minute));
    }

    /// <summary>"H:mm" as minutes after midnight, or null if it is not a time of day.</summary>
    public static int? ParseMinute(string? text) =>
        TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? (t.Hour * 60) + t.Minute
            : null;

    // Whole minutes are compared, so "to 13:00" includes 13:00:59, as in the original product.
    private static bool InTimeRange(SubInterval part, int minute)
    {
        var from = ParseMinute(part.From) ?? 0;
        var to = ParseMinute(part.To) ?? ((24 * 60) - 1);
        return from <= to ? minute >= from && minute <= to : minute >= from || minute <= to;
    }
}

internal sealed class WorkingIntervalConfiguration : IEntityTypeConfiguration<WorkingInterval>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static IntervalRules Read(string json) => JsonSerializer.Deserialize<IntervalRules>(json, Json) ?? new IntervalRules([], []);

    public void Configure(EntityTypeBuilder<WorkingInterval> builder)
    {
        builder.HasIndex(i => i.Name).IsUnique();
        builder.Property(i => i.Name).HasMaxLength(100);
        builder.Property(i => i.TimeZone).HasMaxLength(100);
        builder.Property(i => i.Rules).HasConversion(
            r => JsonSerializer.Serialize(r, Json),
            s => Read(s),
            new ValueComparer<IntervalRules>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                r => JsonSerializer.Serialize(r, Json).GetHashCode(StringComparison.Ordinal),
                r => JsonSerializer.Deserialize<IntervalRules>(JsonSerializer.Serialize(r, Json), Json)!));
    }
}
