using Mailroom.Core.Accounts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Held;

/// <summary>
/// Whether a parsed message goes on to routing or is held, and why; inside the ingest transaction. A bounce is
/// always held (it reports on our mail, nobody is writing); then the account's blocklist; an allowed sender
/// skips the rest; then what the mail says about itself (spam, automatic) and the flood rule.
/// </summary>
public static class HoldDecision
{
    /// <summary>A flooded sender stays held until this long after the last of it, so a loop that keeps going stays held.</summary>
    public static readonly TimeSpan FloodHold = TimeSpan.FromHours(1);

    public static async Task<HoldVerdict?> DecideAsync(MailroomDb db, EmailAccount account, ParsedMail parsed, DateTime now, CancellationToken ct)
    {
        if (parsed.Signs.Bounce is { } bounce)
        {
            return bounce;
        }

        var sender = parsed.From?.Address.ToLowerInvariant();
        var rule = string.IsNullOrEmpty(sender) ? null : await SenderRuleMatch.FindAsync(db, account.Id, sender, ct);
        switch (rule?.Kind)
        {
            case SenderRuleKind.Block:
                return new HoldVerdict(HoldReason.Blocked, $"{rule.Sender} is on this account's blocklist");
            case SenderRuleKind.Allow:
                return null;
        }

        return parsed.Signs.Verdict(account.Hold) ?? (string.IsNullOrEmpty(sender) ? null : await FloodAsync(db, account, sender, parsed.Date, now, ct));
    }

    private static async Task<HoldVerdict?> FloodAsync(MailroomDb db, EmailAccount account, string sender, DateTime? date, DateTime now, CancellationToken ct)
    {
        var floodSince = now - FloodHold;
        if (await db.HeldMails.AnyAsync(h => h.AccountId == account.Id && h.From == sender && h.Reason == HoldReason.Flood && h.HeldAt >= floodSince, ct))
        {
            return new HoldVerdict(HoldReason.Flood, $"{sender} is held for {FloodHold.TotalMinutes:0} minutes after a flood");
        }

        // The window is measured in the mails' own time (their Date, else when they arrived): a mailbox connected
        // with years of history delivers a loyal customer's twenty mails at once, and that is no flood.
        var (limit, minutes) = (account.Hold.FloodLimit, account.Hold.FloodWindowMinutes);
        var moment = date is { } d && d < now ? d : now;
        var (windowStart, windowEnd) = (moment - TimeSpan.FromMinutes(minutes), moment + TimeSpan.FromMinutes(minutes));
        var recent = await db.Messages.CountAsync(m => m.AccountId == account.Id && m.Direction == MessageDirection.Incoming
            && m.From == sender && (m.Date ?? m.CreatedAt) >= windowStart && (m.Date ?? m.CreatedAt) <= windowEnd, ct);
        return recent >= limit
            ? new HoldVerdict(HoldReason.Flood, $"more than {limit} messages from {sender} within {minutes} minutes")
            : null;
    }
}
