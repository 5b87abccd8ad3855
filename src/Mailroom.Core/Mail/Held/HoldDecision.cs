using Mailroom.Core.Accounts;
using Mailroom.Core.Mail.Inbound;

namespace Mailroom.Core.Mail.Held;

/// <summary>
/// Whether a parsed message goes on to routing or is held, and why; inside the ingest transaction, from what the
/// batch read about its senders. A bounce is always held (it reports on our mail, nobody is writing); then the
/// account's blocklist; an allowed sender skips the rest; then what the mail says about itself (spam, automatic)
/// and the flood rule.
/// </summary>
public static class HoldDecision
{
    /// <summary>A flooded sender stays held until this long after the last of it, so a loop that keeps going stays held.</summary>
    public static readonly TimeSpan FloodHold = TimeSpan.FromHours(1);

    public static HoldVerdict? Decide(IngestLookups known, EmailAccount account, ParsedMail parsed, DateTime now)
    {
        if (parsed.Signs.Bounce is { } bounce)
        {
            return bounce;
        }

        var sender = IngestLookups.Sender(parsed);
        var rule = sender is null ? null : known.RuleFor(sender);
        switch (rule?.Kind)
        {
            case SenderRuleKind.Block:
                return new HoldVerdict(HoldReason.Blocked, $"{rule.Sender} is on this account's blocklist");
            case SenderRuleKind.Allow:
                return null;
        }

        return parsed.Signs.Verdict(account.Hold) ?? (sender is null ? null : Flood(known, account, sender, parsed.Date, now));
    }

    /// <summary>
    /// The time the flood window is measured in: the mail's own Date, else when it arrived. A mailbox connected
    /// with years of history delivers a loyal customer's twenty mails at once, and that is no flood.
    /// </summary>
    public static DateTime Moment(DateTime? date, DateTime arrived) => date is { } d && d < arrived ? d : arrived;

    private static HoldVerdict? Flood(IngestLookups known, EmailAccount account, string sender, DateTime? date, DateTime now)
    {
        if (known.IsFloodHeld(sender))
        {
            return new HoldVerdict(HoldReason.Flood, $"{sender} is held for {FloodHold.TotalMinutes:0} minutes after a flood");
        }

        var (limit, minutes) = (account.Hold.FloodLimit, account.Hold.FloodWindowMinutes);
        var moment = Moment(date, now);
        var window = TimeSpan.FromMinutes(minutes);
        return known.ReceivedFrom(sender, moment - window, moment + window) >= limit
            ? new HoldVerdict(HoldReason.Flood, $"more than {limit} messages from {sender} within {minutes} minutes")
            : null;
    }
}
