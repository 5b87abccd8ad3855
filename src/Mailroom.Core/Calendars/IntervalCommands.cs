using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Calendars;

public sealed record IntervalInput(string? Name, string? TimeZone, IReadOnlyList<SubInterval>? Parts, IReadOnlyList<DateOnly>? Holidays);

public sealed record IntervalView(int Id, string Name, string TimeZone, IReadOnlyList<SubInterval> Parts, IReadOnlyList<DateOnly> Holidays)
{
    public static IntervalView From(WorkingInterval i) => new(i.Id, i.Name, i.TimeZone, i.Rules.Parts, i.Rules.Holidays);
}

/// <summary>Administration of working-hours intervals, which action plan steps are bound to.</summary>
public sealed class IntervalCommands(MailroomDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<IntervalView>> ListAsync(Actor actor, CancellationToken ct)
    {
        actor.RequireSupervisor();
        var all = await db.Intervals.AsNoTracking().OrderBy(i => i.Name).ToListAsync(ct);
        return all.Select(IntervalView.From).ToList();
    }

    public async Task<IntervalView> CreateAsync(Actor actor, IntervalInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var interval = new WorkingInterval { Name = "", TimeZone = "" };
        await ApplyAsync(interval, input, ct);
        db.Intervals.Add(interval);
        db.Audit(actor, "working hours created", $"working hours {interval.Name}", Summary(interval), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return IntervalView.From(interval);
    }

    public async Task<IntervalView> UpdateAsync(Actor actor, int id, IntervalInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var interval = await db.Intervals.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException($"Interval {id}");
        var before = (interval.Name, Hours: Summary(interval));
        await ApplyAsync(interval, input, ct);
        if (AuditTrail.Changes(("name", before.Name, interval.Name), ("hours", before.Hours, Summary(interval))) is { } changes)
        {
            db.Audit(actor, "working hours changed", $"working hours {interval.Name}", changes, time.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(ct);
        return IntervalView.From(interval);
    }

    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireAdmin();
        var interval = await db.Intervals.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException($"Interval {id}");
        if (await db.ActionPlanSteps.AnyAsync(s => s.IntervalId == id, ct))
        {
            throw new ConflictException($"Interval '{interval.Name}' is used by an action plan; unbind its steps first.");
        }

        db.Intervals.Remove(interval);
        db.Audit(actor, "working hours deleted", $"working hours {interval.Name}", Summary(interval), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    // The rules as the audit log shows them: compact, comparable before and after.
    private static string Summary(WorkingInterval interval) => $"{interval.TimeZone}; " + System.Text.Json.JsonSerializer.Serialize(interval.Rules);

    private async Task ApplyAsync(WorkingInterval interval, IntervalInput input, CancellationToken ct)
    {
        var name = input.Name?.Trim();
        var v = new Validator().Required("name", name).Length("name", name, 1, 100).Required("timeZone", input.TimeZone);
        v.When(input.TimeZone is { Length: > 0 } tz && !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _), "timeZone", $"'{input.TimeZone}' is not a known time zone.");
        v.When(await db.Intervals.AnyAsync(i => i.Name == name && i.Id != interval.Id, ct), "name", $"'{name}' is already used by another interval.");
        var parts = input.Parts ?? [];
        v.When(parts.Count == 0, "parts", "needs at least one part.");
        for (var i = 0; i < parts.Count; i++)
        {
            var (part, field) = (parts[i], $"parts[{i}]");
            v.When(part.From is not null && WorkingHours.ParseMinute(part.From) is null, field + ".from", "must be a time like 9:00.");
            v.When(part.To is not null && WorkingHours.ParseMinute(part.To) is null, field + ".to", "must be a time like 13:00.");
            v.When(part.WeekDays?.Any(d => !Enum.IsDefined(d)) == true, field + ".weekDays", "has an unknown week day.");
            v.When(part.MonthDays?.Any(d => d is < 1 or > 31) == true, field + ".monthDays", "must be days 1 to 31.");
            v.When(part.Months?.Any(m => m is < 1 or > 12) == true, field + ".months", "must be months 1 to 12.");
        }

        v.ThrowIfInvalid();
        (interval.Name, interval.TimeZone) = (name!, input.TimeZone!);
        interval.Rules = new IntervalRules(parts.ToList(), (input.Holidays ?? []).Distinct().Order().ToList());
    }
}
