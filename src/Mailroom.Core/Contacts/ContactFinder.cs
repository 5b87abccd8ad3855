using Mailroom.Core.Accounts;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Contacts;

/// <summary>The customers behind addresses: found in any list, else created in the account's default list.</summary>
public static class ContactFinder
{
    public const string FallbackListName = "Customers";

    /// <summary>The contact of each of the (lower-case) addresses that has one; the oldest where several lists have it.</summary>
    public static async Task<Dictionary<string, int>> FindIdsAsync(MailroomDb db, IReadOnlyCollection<string> emails, CancellationToken ct) =>
        (await db.Contacts.AsNoTracking().Where(c => emails.Contains(c.Email)).Select(c => new { c.Email, c.Id }).ToListAsync(ct))
            .GroupBy(c => c.Email).ToDictionary(g => g.Key, g => g.Min(c => c.Id));

    /// <summary>The list new contacts of the account go to: its default list, else one shared fallback list (created when missing).</summary>
    public static async Task<int> ListForNewAsync(MailroomDb db, EmailAccount account, DateTime now, CancellationToken ct)
    {
        if (account.DefaultContactListId is { } listId && await db.ContactLists.AnyAsync(l => l.Id == listId, ct))
        {
            return listId;
        }

        // An account without a default list still must not lose who wrote.
        if (await db.ContactLists.Where(l => l.Name == FallbackListName).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct) is { } fallback)
        {
            return fallback;
        }

        var list = new ContactList { Name = FallbackListName, CreatedAt = now };
        db.ContactLists.Add(list);
        await db.SaveChangesAsync(ct);
        return list.Id;
    }

    public static Contact New(string email, string? name, int listId, DateTime now)
    {
        var (first, last) = SplitName(name);
        return new Contact { Email = email, FirstName = first, LastName = last, ListId = listId, CreatedAt = now };
    }

    private static (string? First, string? Last) SplitName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, null);
        }

        var cut = name.Trim().LastIndexOf(' ');
        return cut < 0 ? (name.Trim(), null) : (name.Trim()[..cut], name.Trim()[(cut + 1)..]);
    }
}
