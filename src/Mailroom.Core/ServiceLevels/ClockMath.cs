using Mailroom.Core.Calendars;

namespace Mailroom.Core.ServiceLevels;

/// <summary>Starting, pausing, resuming and stopping one clock in working time, and its timer instants.</summary>
public static class ClockMath
{
    public static SlaClock Start(SlaPolicy policy, SlaKind kind, long interactionId, DateTime at, WorkingInterval? interval)
    {
        var clock = new SlaClock
        {
            InteractionId = interactionId,
            PolicyId = policy.Id,
            Kind = kind,
            TargetMinutes = policy.TargetMinutes(kind) ?? 0,
            AtRiskPercent = policy.AtRiskPercent,
            StartedAt = at,
            RunningSince = at,
        };
        Reschedule(clock, interval);
        return clock;
    }

    public static void Pause(SlaClock clock, DateTime at, WorkingInterval? interval)
    {
        clock.Used = UsedAt(clock, at, interval);
        clock.RunningSince = null;
        Reschedule(clock, interval);
    }

    public static void Resume(SlaClock clock, DateTime at, WorkingInterval? interval)
    {
        clock.RunningSince = at;
        Reschedule(clock, interval);
    }

    public static void Stop(SlaClock clock, DateTime at, WorkingInterval? interval)
    {
        Pause(clock, at, interval);
        clock.StoppedAt = at;
    }

    /// <summary>Working time used by <paramref name="at"/>: what the agent's clock and the board show.</summary>
    public static TimeSpan UsedAt(SlaClock clock, DateTime at, WorkingInterval? interval) =>
        clock.RunningSince is { } since && at > since ? clock.Used + WorkingTime.Elapsed(interval, since, at) : clock.Used;

    /// <summary>Sets the due instants from the time used; also after the worker acted on one of them.</summary>
    public static void Reschedule(SlaClock clock, WorkingInterval? interval)
    {
        if (clock.RunningSince is not { } since)
        {
            (clock.DueAt, clock.AtRiskAt, clock.NextTimerAt) = (null, null, null);
            return;
        }

        clock.DueAt = At(clock.Target);
        clock.AtRiskAt = At(clock.Target * clock.AtRiskPercent / 100);
        var pending = new[] { clock.AtRiskReachedAt is null ? clock.AtRiskAt : null, clock.BreachedAt is null ? clock.DueAt : null };
        clock.NextTimerAt = pending.Where(t => t is not null).Min();

        // Already used up: due at once (the worker acts on it in its next pass).
        DateTime? At(TimeSpan mark) => mark <= clock.Used ? since : WorkingTime.Add(interval, since, mark - clock.Used);
    }
}
