using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.ServiceLevels;

/// <summary>One clock as the agent sees it: working time left (negative once breached) as of now.</summary>
public sealed record ClockView(SlaKind Kind, string Label, int TargetMinutes, string State, DateTime StartedAt, DateTime? DueAt,
    double RemainingSeconds, bool AtRisk, DateTime? BreachedAt, DateTime? StoppedAt);

/// <summary>The service-level clocks of one interaction, for whoever may see the interaction.</summary>
public sealed class InteractionClocks(MailroomDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<ClockView>> ListAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        await db.RequireInteractionAsync(actor, interactionId, ct);
        var clocks = await db.SlaClocks.AsNoTracking().Where(c => c.InteractionId == interactionId).OrderBy(c => c.Id).ToListAsync(ct);
        var policyIds = clocks.Select(c => c.PolicyId).Distinct().ToList();
        var intervalIds = await db.SlaPolicies.AsNoTracking().Where(p => policyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.IntervalId, ct);
        var ids = intervalIds.Values.OfType<int>().Distinct().ToList();
        var intervals = await db.Intervals.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        return clocks.Select(c =>
        {
            var interval = intervalIds.GetValueOrDefault(c.PolicyId) is { } id ? intervals.GetValueOrDefault(id) : null;
            var left = c.Target - ClockMath.UsedAt(c, c.StoppedAt ?? now, interval);
            var state = c.StoppedAt is not null ? (c.BreachedAt is null ? "met" : "met late") : c.IsPaused ? "paused" : c.BreachedAt is not null ? "breached" : "running";
            return new ClockView(c.Kind, SyncClocks.Label(c.Kind), c.TargetMinutes, state, c.StartedAt, c.DueAt, left.TotalSeconds,
                c.AtRiskReachedAt is not null, c.BreachedAt, c.StoppedAt);
        }).ToList();
    }
}
