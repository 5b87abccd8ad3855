using Mailroom.Core.Accounts;
using Mailroom.Core.Contacts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Held;
using Mailroom.Core.Storage;
using Mailroom.Core.Threading;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Inbound;

/// <summary>
/// What storing a batch of messages asks the database about their senders and threads (the senders' contacts,
/// the account's rules for them, their recent mail for the flood rule, the messages replied to), read with one
/// query each for the whole batch instead of several per message, inside the batch's transaction. The batch
/// tells it what it stores and holds, so every message sees the ones before it, as if each had asked the database.
/// </summary>
public sealed class IngestLookups
{
    private readonly Dictionary<string, int> _contactIds;
    private readonly Dictionary<string, SenderRule> _rules;
    private readonly HashSet<string> _floodHeld;
    private readonly Dictionary<string, List<DateTime>> _recentMail;
    private readonly List<ThreadMatch> _threads;
    private int? _newContactsList;

    private IngestLookups(Dictionary<string, int> contactIds, Dictionary<string, SenderRule> rules, HashSet<string> floodHeld,
        Dictionary<string, List<DateTime>> recentMail, List<ThreadMatch> threads)
    {
        _contactIds = contactIds;
        _rules = rules;
        _floodHeld = floodHeld;
        _recentMail = recentMail;
        _threads = threads;
    }

    public static async Task<IngestLookups> LoadAsync(MailroomDb db, EmailAccount account, IReadOnlyCollection<ParsedMail> mails, DateTime now,
        CancellationToken ct)
    {
        var senders = mails.Select(m => Sender(m)).OfType<string>().Distinct().ToList();
        // Stored as written; compared in lower case, as the rules and contacts are.
        var spelled = mails.Select(m => m.From?.Address).OfType<string>().Concat(senders).Distinct().ToList();
        var candidates = senders.SelectMany(SenderRuleMatch.Candidates).Distinct().ToList();
        var rules = await db.SenderRules.AsNoTracking().Where(r => r.AccountId == account.Id && candidates.Contains(r.Sender)).ToListAsync(ct);

        var floodSince = now - HoldDecision.FloodHold;
        var floodHeld = await db.HeldMails.Where(h => h.AccountId == account.Id && spelled.Contains(h.From) && h.Reason == HoldReason.Flood
            && h.HeldAt >= floodSince).Select(h => h.From).Distinct().ToListAsync(ct);

        var recentMail = new Dictionary<string, List<DateTime>>();
        if (mails.Count > 0)
        {
            var window = TimeSpan.FromMinutes(account.Hold.FloodWindowMinutes);
            var moments = mails.Select(m => HoldDecision.Moment(m.Date, now)).ToList();
            var (from, to) = (moments.Min() - window, moments.Max() + window);
            var recent = await db.Messages.AsNoTracking().Where(m => m.AccountId == account.Id && m.Direction == MessageDirection.Incoming
                && spelled.Contains(m.From) && (m.Date ?? m.CreatedAt) >= from && (m.Date ?? m.CreatedAt) <= to)
                .Select(m => new { m.From, Moment = m.Date ?? m.CreatedAt }).ToListAsync(ct);
            foreach (var mail in recent)
            {
                RecentOf(recentMail, mail.From).Add(mail.Moment);
            }
        }

        return new IngestLookups(
            await ContactFinder.FindIdsAsync(db, senders, ct),
            rules.ToDictionary(r => r.Sender),
            floodHeld.Select(s => s.ToLowerInvariant()).ToHashSet(),
            recentMail,
            await ThreadFinder.MatchesAsync(db, mails.SelectMany(m => m.ThreadIds()).Distinct().ToList(), ct));
    }

    /// <summary>The sender's address in lower case, or null for a message without a usable one.</summary>
    public static string? Sender(ParsedMail mail) =>
        mail.From?.Address.Trim() is { Length: > 0 } address ? address.ToLowerInvariant() : null;

    /// <summary>The account's rule for the sender: its own, else its domain's, else a parent domain's.</summary>
    public SenderRule? RuleFor(string sender) =>
        SenderRuleMatch.Candidates(sender).Select(c => _rules.GetValueOrDefault(c)).FirstOrDefault(r => r is not null);

    public bool IsFloodHeld(string sender) => _floodHeld.Contains(sender);

    /// <summary>How many messages from the sender were received with a time within [from, to].</summary>
    public int ReceivedFrom(string sender, DateTime from, DateTime to) =>
        _recentMail.TryGetValue(sender, out var moments) ? moments.Count(m => m >= from && m <= to) : 0;

    public IReadOnlyList<ThreadMatch> Threads => _threads;

    /// <summary>The id of the sender's contact, created in the account's list when it has none yet (saved at once).</summary>
    public async Task<int?> ContactIdAsync(MailroomDb db, EmailAccount account, ParsedMail mail, DateTime now, CancellationToken ct)
    {
        if (Sender(mail) is not { } email)
        {
            return null;
        }

        if (_contactIds.TryGetValue(email, out var id))
        {
            return id;
        }

        _newContactsList ??= await ContactFinder.ListForNewAsync(db, account, now, ct);
        var contact = ContactFinder.New(email, mail.From?.Name, _newContactsList.Value, now);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(ct);
        return _contactIds[email] = contact.Id;
    }

    /// <summary>Called for each message the batch stores: later ones see it as recent mail and as a thread to reply to.</summary>
    public void Stored(ParsedMail mail, Message message)
    {
        if (mail.From?.Address is { } from)
        {
            RecentOf(_recentMail, from).Add(message.Date ?? message.CreatedAt);
        }

        if (message.MessageIdHeader is { } id)
        {
            _threads.Add(new ThreadMatch(id, message.InteractionId, message.Id));
        }
    }

    /// <summary>Called for each message the batch holds: a flooding sender stays held for the rest of it.</summary>
    public void Held(ParsedMail mail, HoldVerdict verdict)
    {
        if (verdict.Reason == HoldReason.Flood && Sender(mail) is { } sender)
        {
            _floodHeld.Add(sender);
        }
    }

    private static List<DateTime> RecentOf(Dictionary<string, List<DateTime>> recent, string from)
    {
        var key = from.ToLowerInvariant();
        if (!recent.TryGetValue(key, out var moments))
        {
            recent[key] = moments = [];
        }

        return moments;
    }
}
