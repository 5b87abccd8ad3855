using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Held;

/// <summary>
/// "Block sender" from a held message or a received one: a supervisor or administrator of the account puts its
/// sender's address (or, asked to, its domain) on the blocklist, so their next mail is held as blocked.
/// </summary>
public sealed class BlockSender(MailroomDb db, TimeProvider time)
{
    public async Task<SenderRuleView> FromHeldAsync(Actor actor, int accountId, long heldId, bool wholeDomain, CancellationToken ct)
    {
        actor.RequireSupervisor();
        await db.RequireAccountAsync(actor, accountId, ct);
        var from = await db.HeldMails.Where(h => h.Id == heldId && h.AccountId == accountId).Select(h => h.From).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Held message {heldId}");
        return await BlockAsync(actor, accountId, from, wholeDomain, ct);
    }

    public async Task<SenderRuleView> FromMessageAsync(Actor actor, long messageId, bool wholeDomain, CancellationToken ct)
    {
        actor.RequireSupervisor();
        var visible = db.VisibleAccountIds(actor);
        var message = await db.Messages.Where(m => m.Id == messageId && visible.Contains(m.AccountId))
            .Select(m => new { m.AccountId, m.From, m.Direction }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Message {messageId}");
        if (message.Direction != MessageDirection.Incoming)
        {
            throw new ConflictException("Only a received message has a sender to block.");
        }

        return await BlockAsync(actor, message.AccountId, message.From, wholeDomain, ct);
    }

    private async Task<SenderRuleView> BlockAsync(Actor actor, int accountId, string from, bool wholeDomain, CancellationToken ct)
    {
        var candidates = SenderRuleMatch.Candidates(from);
        if (candidates.Count == 0)
        {
            throw new ConflictException("The message has no sender address to block.");
        }

        // The domain the address is at, not a parent of it: blocking one company is not blocking a provider.
        var sender = wholeDomain && candidates.Count > 1 ? candidates[1] : candidates[0];
        return SenderRuleView.From(await SenderRules.UpsertAsync(db, accountId, sender, SenderRuleKind.Block, actor.PersonId, time.GetUtcNow().UtcDateTime, ct));
    }
}
