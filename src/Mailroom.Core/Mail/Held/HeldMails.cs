using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Held;

/// <summary><see cref="SenderBlocked"/>: the sender is on the account's blocklist now (blocked since it was held, perhaps).</summary>
public sealed record HeldMailView(long Id, int AccountId, HoldReason Reason, string Detail, string From, string Subject, DateTime HeldAt, TimeSpan Age,
    bool SenderBlocked);

/// <summary>
/// The Held view of an account (supervisors and administrators who are members): what was stopped before
/// routing and why; release (stored and routed as if it had just arrived) or delete.
/// </summary>
public sealed class HeldMails(MailroomDb db, MessageIngestor ingestor, TimeProvider time)
{
    /// <summary>Adds the held row (and, for a bounce, marks the outgoing message it reports on) to <paramref name="db"/>; the ingest commits it.</summary>
    public static async Task HoldAsync(MailroomDb db, MailboxPosition at, ParsedMail parsed, string sha, long size, HoldVerdict verdict, DateTime now,
        CancellationToken ct)
    {
        db.HeldMails.Add(new HeldMail
        {
            AccountId = at.AccountId,
            Mailbox = at.Mailbox,
            UidValidity = at.UidValidity,
            Uid = at.Uid,
            RawSha256 = sha,
            RawSize = size,
            From = parsed.From?.Address ?? "",
            Subject = parsed.Subject,
            Reason = verdict.Reason,
            Detail = verdict.Detail,
            HeldAt = now,
        });
        if (verdict is { Reason: HoldReason.Bounce, ReportsOn: { } original })
        {
            await MarkBouncedAsync(db, original, verdict, now, ct);
        }
    }

    public async Task<IReadOnlyList<HeldMailView>> ListAsync(Actor actor, int accountId, CancellationToken ct)
    {
        await RequireAsync(actor, accountId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var held = await db.HeldMails.AsNoTracking().Where(h => h.AccountId == accountId).OrderByDescending(h => h.Id).Take(500).ToListAsync(ct);
        var blocked = (await db.SenderRules.Where(r => r.AccountId == accountId && r.Kind == SenderRuleKind.Block).Select(r => r.Sender).ToListAsync(ct)).ToHashSet();
        return held.Select(h => new HeldMailView(h.Id, h.AccountId, h.Reason, h.Detail, h.From, h.Subject, h.HeldAt, now - h.HeldAt,
            SenderRuleMatch.Candidates(h.From).Any(blocked.Contains))).ToList();
    }

    /// <summary>Stores the message like a new arrival (interaction, events, so routing offers it) and removes it from Held.</summary>
    public async Task<long> ReleaseAsync(Actor actor, int accountId, long heldId, CancellationToken ct)
    {
        var held = await FindAsync(actor, accountId, heldId, ct);
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        var at = new MailboxPosition(accountId, held.Mailbox, held.UidValidity, held.Uid);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.HeldMails.Remove(held);
        await db.SaveChangesAsync(ct);
        var message = await ingestor.StoreKeptAsync(db, account, at, held.RawSha256, time.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return message.Id;
    }

    /// <summary>Forgets the message; the raw copy stays in the blob store, like every message received.</summary>
    public async Task DeleteAsync(Actor actor, int accountId, long heldId, CancellationToken ct)
    {
        db.HeldMails.Remove(await FindAsync(actor, accountId, heldId, ct));
        await db.SaveChangesAsync(ct);
    }

    private async Task<HeldMail> FindAsync(Actor actor, int accountId, long heldId, CancellationToken ct)
    {
        await RequireAsync(actor, accountId, ct);
        return await db.HeldMails.FirstOrDefaultAsync(h => h.Id == heldId && h.AccountId == accountId, ct)
            ?? throw new NotFoundException($"Held message {heldId}");
    }

    private async Task RequireAsync(Actor actor, int accountId, CancellationToken ct)
    {
        actor.RequireSupervisor();
        await db.RequireAccountAsync(actor, accountId, ct);
    }

    /// <summary>
    /// The outgoing message turns "bounced" with the server's diagnostic, each failed recipient is flagged
    /// undeliverable on their contact, and the agent who sent it is told live. A report that only says
    /// "delayed" or "delivered" changes nothing.
    /// </summary>
    private static async Task MarkBouncedAsync(MailroomDb db, string originalMessageId, HoldVerdict verdict, DateTime now, CancellationToken ct)
    {
        if (verdict.Failed is { Count: 0 })
        {
            return;
        }

        var sent = await db.Messages.Where(m => m.MessageIdHeader == originalMessageId && m.Direction == MessageDirection.Outgoing)
            .Select(m => new { m.Id, m.InteractionId, m.SentByUserId }).FirstOrDefaultAsync(ct);
        var item = sent is null ? null : await db.Outbox.FirstOrDefaultAsync(o => o.MessageId == sent.Id, ct);
        if (sent is null || item is null)
        {
            return;
        }

        item.State = OutboxState.Bounced;
        item.LastError = verdict.Detail;
        var recipients = verdict.Failed?.Select(r => r.Address).Distinct().ToList() ?? [];
        await db.Contacts.Where(c => recipients.Contains(c.Email))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UndeliverableReason, verdict.Detail).SetProperty(c => c.UndeliverableAt, now), ct);
        db.Append(new OutboundStatusChanged(sent.Id, sent.InteractionId, item.AccountId, item.State, item.Attempts, item.LastError), now, item.AccountId, sent.InteractionId);
        if (sent.SentByUserId is { } agent)
        {
            db.Append(new MessageBounced(sent.Id, sent.InteractionId, item.AccountId, recipients, verdict.Detail), now, item.AccountId, sent.InteractionId, agent);
        }

        db.Record(sent.InteractionId, null, "Bounced", verdict.Detail, now);
        // The open thread reads again: its message and its contact changed.
        await db.Interactions.Where(i => i.Id == sent.InteractionId).ExecuteUpdateAsync(u => u.SetProperty(i => i.Version, i => i.Version + 1), ct);
    }
}
