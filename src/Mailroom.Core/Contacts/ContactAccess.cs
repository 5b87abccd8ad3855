using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Contacts;

/// <summary>
/// Which customers an actor may see. Contact lists belong to no account by themselves: a list is an account's
/// through being its default list (where the customers who write to it are filed), and a customer is an account's
/// when it is in such a list or has written to it. Administrators see every list and customer.
/// </summary>
public static class ContactAccess
{
    public static IQueryable<int> VisibleContactListIds(this MailroomDb db, Actor actor)
    {
        if (actor.IsAdmin)
        {
            return db.ContactLists.Select(l => l.Id);
        }

        var accounts = db.VisibleAccountIds(actor);
        return db.Accounts.Where(a => accounts.Contains(a.Id) && a.DefaultContactListId != null).Select(a => a.DefaultContactListId!.Value);
    }

    public static IQueryable<Contact> VisibleContacts(this MailroomDb db, Actor actor)
    {
        if (actor.IsAdmin)
        {
            return db.Contacts;
        }

        var lists = db.VisibleContactListIds(actor);
        var accounts = db.VisibleAccountIds(actor);
        return db.Contacts.Where(c => lists.Contains(c.ListId) || db.Interactions.Any(i => i.ContactId == c.Id && accounts.Contains(i.AccountId)));
    }

    /// <summary>
    /// True when the customer also wrote to an account the actor is not in: deleting them would take that
    /// account's history of who wrote with it.
    /// </summary>
    public static Task<bool> WroteOutsideVisibleAccountsAsync(this MailroomDb db, Actor actor, int contactId, CancellationToken ct)
    {
        var accounts = db.VisibleAccountIds(actor);
        return db.Interactions.AnyAsync(i => i.ContactId == contactId && !accounts.Contains(i.AccountId), ct);
    }
}
