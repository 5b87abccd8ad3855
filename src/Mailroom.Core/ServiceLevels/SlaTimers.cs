using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mailroom.Core.ServiceLevels;

/// <summary>
/// One pass over the clocks whose at-risk or breach instant has come: marks each, writes the history, announces it
/// and carries out the policy's actions. A pass commits its batch in one transaction (one commit, not one per
/// clock, is what keeps 10,000 clocks on time); the clocks' Version makes it safe on several instances at once:
/// when another instance moved one of them first, the batch is dropped and each clock is tried on its own.
/// </summary>
public sealed class SlaTimers(MailroomDb db, SlaActionRunner actions, TimeProvider time, ILogger<SlaTimers> logger)
{
    public const int Batch = 200;

    public async Task<int> ProcessDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.SlaClocks.AsNoTracking().Where(c => c.NextTimerAt <= now).OrderBy(c => c.NextTimerAt)
            .Select(c => c.Id).Take(Batch).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        try
        {
            return await ActAsync(due, now, ct);
        }
        catch (DbUpdateException ex)
        {
            db.ChangeTracker.Clear();
            logger.LogDebug(ex, "A service-level batch met another pass; its clocks are tried one by one");
        }

        var done = 0;
        foreach (var id in due)
        {
            try
            {
                done += await ActAsync([id], now, ct);
            }
            catch (DbUpdateException ex)
            {
                db.ChangeTracker.Clear();
                logger.LogDebug(ex, "A service-level timer was handled by another pass");
            }
        }

        return done;
    }

    private async Task<int> ActAsync(List<long> clockIds, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var clocks = await db.SlaClocks.Where(c => clockIds.Contains(c.Id) && c.NextTimerAt <= now).OrderBy(c => c.NextTimerAt).ToListAsync(ct);
        var policyIds = clocks.Select(c => c.PolicyId).Distinct().ToList();
        var policies = await db.SlaPolicies.AsNoTracking().Where(p => policyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var interactionIds = clocks.Select(c => c.InteractionId).Distinct().ToList();
        var interactions = await db.Interactions.Where(i => interactionIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var intervalIds = policies.Values.Where(p => p.IntervalId != null).Select(p => p.IntervalId!.Value).Distinct().ToList();
        var intervals = await db.Intervals.AsNoTracking().Where(i => intervalIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var done = 0;
        foreach (var clock in clocks)
        {
            if (!policies.TryGetValue(clock.PolicyId, out var policy) || !interactions.TryGetValue(clock.InteractionId, out var interaction))
            {
                continue;
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

            ClockMath.Reschedule(clock, policy.IntervalId is { } intervalId ? intervals.GetValueOrDefault(intervalId) : null);
            clock.Version++;
            done++;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return done;
    }

    private async Task MarkAsync(SlaClock clock, Interaction interaction, string mark, DateTime at, SlaActions policyActions, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.Record(interaction.Id, null, "sla-" + mark, $"{SyncClocks.Describe(clock)}, due {clock.DueAt:u}", now);
        db.Append(new ServiceLevelReached(interaction.Id, interaction.AccountId, clock.Kind, mark, clock.DueAt ?? at), now, interaction.AccountId, interaction.Id);
        await actions.RunAsync(interaction, clock, mark, policyActions, now, ct);
    }
}
