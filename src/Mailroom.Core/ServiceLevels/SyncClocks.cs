using Mailroom.Core.Calendars;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.ServiceLevels;

/// <summary>
/// Brings an interaction's clocks in line with its state after any change to it: starts first response and
/// resolution when a customer opened it, next response when the customer writes after a reply, stops what a reply
/// or a close fulfilled, and pauses while parked or while a sub-status that pauses the service level is set. It derives
/// everything from the stored interaction, so handling an event twice (or late) changes nothing.
/// </summary>
public sealed class SyncClocks(MailroomDb db)
{
    public async Task RunAsync(long interactionId, DateTime at, CancellationToken ct)
    {
        // Clocks only ever run under a policy (a deleted one stops them too): without any, there is nothing to sync,
        // and one query instead of three per event is most of what an account without service levels pays per mail.
        if (!await db.SlaPolicies.AnyAsync(ct))
        {
            return;
        }

        var interaction = await db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == interactionId, ct);
        if (interaction is null)
        {
            return;
        }

        var clocks = await db.SlaClocks.Where(c => c.InteractionId == interactionId).ToListAsync(ct);
        var policy = await FindPolicyAsync(interaction, clocks, ct);
        if (policy is null)
        {
            return;
        }

        var interval = await IntervalAsync(policy.IntervalId, ct);
        var paused = await PausedAsync(interaction, ct);
        // Only people count: an auto reply or a transfer notice is no response, and mail we sent is no customer message.
        // A scheduled reply answers when it leaves, not when it was written: until then it is no response at all.
        var messages = (await db.Messages.AsNoTracking()
            .Where(m => m.InteractionId == interactionId && (m.Kind == MessageKind.Customer || m.Kind == MessageKind.Agent))
            .Select(m => new
            {
                m.Direction,
                m.CreatedAt,
                Scheduled = db.Outbox.Any(o => o.MessageId == m.Id && o.ScheduledFor != null),
                SentAt = db.Outbox.Where(o => o.MessageId == m.Id).Select(o => o.SentAt).FirstOrDefault(),
            }).ToListAsync(ct))
            .Select(m => new { m.Direction, CreatedAt = m.Scheduled ? m.SentAt : m.CreatedAt })
            .Where(m => m.CreatedAt is not null).Select(m => new { m.Direction, CreatedAt = m.CreatedAt!.Value }).ToList();
        var lastReply = messages.Where(m => m.Direction == MessageDirection.Outgoing).Max(m => (DateTime?)m.CreatedAt);
        var first = messages.OrderBy(m => m.CreatedAt).FirstOrDefault();
        var unanswered = messages.Where(m => m.Direction == MessageDirection.Incoming && (lastReply is null || m.CreatedAt > lastReply))
            .Min(m => (DateTime?)m.CreatedAt);

        // Started from the messages' own times, then stopped or paused below: a late event still measures right.
        // Only an interaction a customer opened has a first response; one an agent started begins with next response.
        if (interaction.Status == InteractionStatus.Open && first is { Direction: MessageDirection.Incoming })
        {
            StartOnce(SlaKind.FirstResponse, first.CreatedAt);
        }

        if (interaction.Status == InteractionStatus.Open && first is not null)
        {
            StartOnce(SlaKind.Resolution, first.CreatedAt);
            if (lastReply is not null && unanswered is { } waiting && !clocks.Any(c => c.Kind == SlaKind.NextResponse && c.StartedAt >= waiting))
            {
                Start(SlaKind.NextResponse, waiting);
            }
        }

        foreach (var clock in clocks.Where(c => c.StoppedAt is null))
        {
            var fulfilledAt = interaction.Status == InteractionStatus.Closed ? interaction.ClosedAt ?? at
                : clock.Kind != SlaKind.Resolution && lastReply > clock.StartedAt ? lastReply
                : null;
            if (fulfilledAt is { } stop)
            {
                ClockMath.Stop(clock, stop < clock.StartedAt ? clock.StartedAt : stop, interval);
                db.Record(interactionId, null, clock.BreachedAt is null ? "sla-met" : "sla-met-late", Describe(clock), stop);
                Announce(new SlaClockStopped(interactionId, interaction.AccountId, clock.Kind, clock.BreachedAt is null));
            }
            else if (paused && !clock.IsPaused)
            {
                ClockMath.Pause(clock, at, interval);
                db.Record(interactionId, null, "sla-paused", Describe(clock), at);
                Announce(new SlaClockPaused(interactionId, interaction.AccountId, clock.Kind, true, null));
            }
            else if (!paused && clock.IsPaused)
            {
                ClockMath.Resume(clock, at, interval);
                db.Record(interactionId, null, "sla-resumed", Describe(clock), at);
                Announce(new SlaClockPaused(interactionId, interaction.AccountId, clock.Kind, false, clock.DueAt));
            }
        }

        await db.SaveChangesAsync(ct);

        void StartOnce(SlaKind kind, DateTime from)
        {
            if (!clocks.Any(c => c.Kind == kind))
            {
                Start(kind, from);
            }
        }

        void Start(SlaKind kind, DateTime from)
        {
            if (policy.TargetMinutes(kind) is null)
            {
                return;
            }

            var clock = ClockMath.Start(policy, kind, interactionId, from, interval);
            clocks.Add(clock);
            db.SlaClocks.Add(clock);
            db.Record(interactionId, null, "sla-started", $"{Describe(clock)} ({policy.Name}, due {clock.DueAt:u})", at);
            Announce(new SlaClockStarted(interactionId, interaction.AccountId, clock.Kind, clock.DueAt));
        }

        void Announce<T>(T fact)
            where T : notnull => db.Append(fact, at, interaction.AccountId, interactionId);
    }

    public static string Describe(SlaClock clock) => $"{Label(clock.Kind)} target {clock.TargetMinutes} min";

    public static string Label(SlaKind kind) => kind switch
    {
        SlaKind.FirstResponse => "first response",
        SlaKind.NextResponse => "next response",
        _ => "resolution",
    };

    /// <summary>The running clocks keep the policy they started with; otherwise the most specific one applies.</summary>
    private async Task<SlaPolicy?> FindPolicyAsync(Interaction interaction, List<SlaClock> clocks, CancellationToken ct)
    {
        if (clocks.Count > 0)
        {
            var policyId = clocks[^1].PolicyId;
            return await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == policyId, ct);
        }

        var candidates = await db.SlaPolicies.AsNoTracking()
            .Where(p => (p.AccountId == null || p.AccountId == interaction.AccountId) && (p.QueueId == null || p.QueueId == interaction.QueueId))
            .ToListAsync(ct);
        return candidates.OrderByDescending(p => (p.AccountId is null ? 0 : 1) + (p.QueueId is null ? 0 : 2)).ThenBy(p => p.Id).FirstOrDefault();
    }

    private async Task<WorkingInterval?> IntervalAsync(int? intervalId, CancellationToken ct) =>
        intervalId is { } id ? await db.Intervals.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) : null;

    private async Task<bool> PausedAsync(Interaction interaction, CancellationToken ct) =>
        interaction.ParkedAt is not null || interaction.SubStatusId is { } id && await db.SubStatuses.AnyAsync(s => s.Id == id && (s.IsBuiltIn || s.PausesSla), ct);
}
