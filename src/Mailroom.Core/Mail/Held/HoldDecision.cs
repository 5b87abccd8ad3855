using Mailroom.Core.Accounts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Held;

/// <summary>Whether a parsed message goes on to routing or is held, and why; inside the ingest transaction.</summary>
public static class HoldDecision
{
    public static async Task<HoldVerdict?> DecideAsync(MailroomDb db, EmailAccount account, ParsedMail parsed, DateTime now, CancellationToken ct)
    {
        if (parsed.Screened is { } verdict && (verdict.Reason != HoldReason.Automatic || !account.RouteAutomaticMail))
        {
            return verdict;
        }

        var sender = parsed.From?.Address.ToLowerInvariant();
        if (string.IsNullOrEmpty(sender))
        {
            return null;
        }

        var floodSince = now - HoldPolicy.FloodHold;
        if (await db.HeldMails.AnyAsync(h => h.AccountId == account.Id && h.From == sender && h.Reason == HoldReason.Flood && h.HeldAt >= floodSince, ct))
        {
            return new HoldVerdict(HoldReason.Flood, $"{sender} is held for {HoldPolicy.FloodHold.TotalMinutes:0} minutes after a flood");
        }

        // The window is measured in the mails' own time (their Date, else when they arrived): a mailbox connected
        // with years of history delivers a loyal customer's twenty mails at once, and that is no flood.
        var moment = parsed.Date is { } date && date < now ? date : now;
        var (windowStart, windowEnd) = (moment - HoldPolicy.FloodWindow, moment + HoldPolicy.FloodWindow);
        var recent = await db.Messages.CountAsync(m => m.AccountId == account.Id && m.Direction == MessageDirection.Incoming
            && m.From == sender && (m.Date ?? m.CreatedAt) >= windowStart && (m.Date ?? m.CreatedAt) <= windowEnd, ct);
        return recent >= HoldPolicy.FloodLimit
            ? new HoldVerdict(HoldReason.Flood, $"more than {HoldPolicy.FloodLimit} messages from {sender} within {HoldPolicy.FloodWindow.TotalMinutes:0} minutes")
            : null;
    }
}
