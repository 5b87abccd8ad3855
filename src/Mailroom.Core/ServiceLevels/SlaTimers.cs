using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.ServiceLevels;

/// <summary>
/// One pass over the clocks whose at-risk or breach instant has come: marks it, writes the history, announces it
/// and carries out the policy's actions, all in one transaction per clock. The clock's Version makes a pass safe
/// on several instances at once.
/// </summary>
public sealed class SlaTimers(MailroomDb db, SlaActionRunner actions, TimeProvider time, ILogger<SlaTimers> logger)
{
    public async Task<int> ProcessDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.SlaClocks.AsNoTracking().Where(c => c.NextTimerAt <= now).OrderBy(c => c.NextTimerAt)
            .Select(c => c.Id).Take(200).ToListAsync(ct);
        var done = 0;
        foreach (var id in due)
        {
            try
            {
                done += await ActAsync(id, now, ct) ? 1 : 0;
            }
            catch (DbUpdateException ex)
            {
                db.ChangeTracker.Clear();
                logger.LogDebug(ex, "A service-level timer was handled by another pass");
            }
        }

        return done;
    }

    private async Task<bool> ActAsync(long clockId, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var clock = await db.SlaClocks.FirstOrDefaultAsync(c => c.Id == clockId && c.NextTimerAt <= now, ct);
        var policy = clock is null ? null : await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == clock.PolicyId, ct);
        var interaction = clock is null ? null : await db.Interactions.FirstOrDefaultAsync(i => i.Id == clock.InteractionId, ct);
        if (clock is null || policy is null || interaction is null)
        {
            return false;
        }

        if (clock.AtRiskReachedAt is null && clock.AtRiskAt <= now)
        {
            clock.AtRiskReachedAt = clock.AtRiskAt;
            await MarkAsync(clock, interaction, "at-risk", clock.AtRiskAt.Value, policy.AtRisk, ct);
        }

        if (clock.BreachedAt is null && clock.DueAt <= now)
        {
            clock.BreachedAt = clock.DueAt;
            await MarkAsync(clock, interaction, "breached", clock.DueAt.Value, policy.Breach, ct);
        }

        var interval = policy.IntervalId is { } intervalId ? await db.Intervals.AsNoTracking().FirstAsync(i => i.Id == intervalId, ct) : null;
        ClockMath.Reschedule(clock, interval);
        clock.Version++;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task MarkAsync(SlaClock clock, Interaction interaction, string mark, DateTime at, SlaActions policyActions, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.Record(interaction.Id, null, "sla-" + mark, $"{SyncClocks.Describe(clock)}, due {clock.DueAt:u}", now);
        db.Append(new ServiceLevelReached(interaction.Id, interaction.AccountId, clock.Kind, mark, clock.DueAt ?? at), now, interaction.AccountId, interaction.Id);
        await actions.RunAsync(interaction, clock, mark, policyActions, now, ct);
    }
}
