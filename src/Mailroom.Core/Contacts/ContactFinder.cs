using Mailroom.Core.Accounts;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Contacts;

/// <summary>The customer behind an address: found in any list, else created in the account's default list.</summary>
public static class ContactFinder
{
    public const string FallbackListName = "Customers";

    public static async Task<Contact?> FindOrCreateAsync(MailroomDb db, EmailAccount account, string? email, string? name, DateTime now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        email = email.Trim().ToLowerInvariant();
        var existing = await db.Contacts.OrderBy(c => c.Id).FirstOrDefaultAsync(c => c.Email == email, ct)
            ?? db.Contacts.Local.FirstOrDefault(c => c.Email == email);
        if (existing is not null)
        {
            return existing;
        }

        var (first, last) = SplitName(name);
        var contact = new Contact { Email = email, FirstName = first, LastName = last, CreatedAt = now };
        if (account.DefaultContactListId is { } listId && await db.ContactLists.AnyAsync(l => l.Id == listId, ct))
        {
            contact.ListId = listId;
        }
        else
        {
            // An account without a default list still must not lose who wrote: one shared fallback list.
            contact.List = await db.ContactLists.FirstOrDefaultAsync(l => l.Name == FallbackListName, ct)
                ?? new ContactList { Name = FallbackListName, CreatedAt = now };
        }

        db.Contacts.Add(contact);
        return contact;
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
