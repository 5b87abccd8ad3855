using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Held;

/// <summary>Which of an account's sender rules applies to an address: its own rule, else its domain's, else a parent domain's.</summary>
public static class SenderRuleMatch
{
    public static async Task<SenderRule?> FindAsync(MailroomDb db, int accountId, string address, CancellationToken ct)
    {
        var candidates = Candidates(address);
        if (candidates.Count == 0)
        {
            return null;
        }

        var rules = await db.SenderRules.AsNoTracking().Where(r => r.AccountId == accountId && candidates.Contains(r.Sender)).ToListAsync(ct);
        return rules.OrderBy(r => candidates.IndexOf(r.Sender)).FirstOrDefault();
    }

    /// <summary>"ann@mail.customer.test" -> [ann@mail.customer.test, mail.customer.test, customer.test], most specific first.</summary>
    public static List<string> Candidates(string address)
    {
        var lower = address.Trim().ToLowerInvariant();
        var at = lower.LastIndexOf('@');
        if (at <= 0 || at == lower.Length - 1)
        {
            return [];
        }

        var candidates = new List<string> { lower };
        var domain = lower[(at + 1)..];
        while (domain.Contains('.', StringComparison.Ordinal))
        {
            candidates.Add(domain);
            domain = domain[(domain.IndexOf('.', StringComparison.Ordinal) + 1)..];
        }

        return candidates;
    }
}
