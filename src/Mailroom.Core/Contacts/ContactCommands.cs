using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Contacts;

public sealed record ContactInput(int ListId, string? FirstName, string? LastName, string? Email, string? Phone);

/// <summary><see cref="Undeliverable"/>: why mail to this address bounced for good, when it did.</summary>
public sealed record ContactView(int Id, int ListId, string? FirstName, string? LastName, string Email, string? Phone, string? Undeliverable = null,
    DateTime? UndeliverableAt = null)
{
    public static ContactView From(Contact c) => new(c.Id, c.ListId, c.FirstName, c.LastName, c.Email, c.Phone, c.UndeliverableReason, c.UndeliverableAt);
}

public sealed record ContactListView(int Id, string Name, int ContactCount);

/// <summary>
/// Contact lists and the customers in them, each seen only by the members of an account they belong to
/// (<see cref="ContactAccess"/>); one the caller may not see answers 404, so nobody learns it exists.
/// </summary>
public sealed class ContactCommands(MailroomDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<ContactListView>> ListListsAsync(Actor actor, CancellationToken ct)
    {
        var visible = db.VisibleContactListIds(actor);
        return await db.ContactLists.AsNoTracking().Where(l => visible.Contains(l.Id)).OrderBy(l => l.Name)
            .Select(l => new ContactListView(l.Id, l.Name, db.Contacts.Count(c => c.ListId == l.Id))).ToListAsync(ct);
    }

    /// <summary>Administrators only: a new list belongs to no account until one files its customers there.</summary>
    public async Task<ContactListView> CreateListAsync(Actor actor, string? name, CancellationToken ct)
    {
        actor.RequireAdmin();
        new Validator().Required("name", name).Length("name", name, 1, 100).ThrowIfInvalid();
        var list = new ContactList { Name = name!.Trim(), CreatedAt = time.GetUtcNow().UtcDateTime };
        db.ContactLists.Add(list);
        await db.SaveChangesAsync(ct);
        return new ContactListView(list.Id, list.Name, 0);
    }

    public async Task DeleteListAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireAdmin();
        var list = await db.ContactLists.FindAsync([id], ct) ?? throw new NotFoundException($"Contact list {id}");
        db.ContactLists.Remove(list);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ContactView>> SearchAsync(Actor actor, int? listId, string? query, int take, CancellationToken ct)
    {
        var contacts = db.VisibleContacts(actor).AsNoTracking();
        if (listId is int l)
        {
            contacts = contacts.Where(c => c.ListId == l);
        }

        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // EF Core turns ToLower() into SQL's lower(): no .NET culture is involved
            contacts = contacts.Where(c => c.Email.StartsWith(q) || (c.FirstName ?? "").ToLower().StartsWith(q) || (c.LastName ?? "").ToLower().StartsWith(q));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var found = await contacts.OrderBy(c => c.Email).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        return found.Select(ContactView.From).ToList();
    }

    public async Task<ContactView> GetAsync(Actor actor, int id, CancellationToken ct) => ContactView.From(await LoadAsync(actor, id, ct));

    public async Task<ContactView> CreateAsync(Actor actor, ContactInput input, CancellationToken ct)
    {
        var contact = new Contact { Email = "", CreatedAt = time.GetUtcNow().UtcDateTime };
        await ApplyAsync(actor, contact, input, ct);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(ct);
        return ContactView.From(contact);
    }

    public async Task<ContactView> UpdateAsync(Actor actor, int id, ContactInput input, CancellationToken ct)
    {
        var contact = await LoadAsync(actor, id, ct);
        await ApplyAsync(actor, contact, input, ct);
        await db.SaveChangesAsync(ct);
        return ContactView.From(contact);
    }

    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireSupervisor();
        var contact = await LoadAsync(actor, id, ct);
        if (await db.WroteOutsideVisibleAccountsAsync(actor, id, ct))
        {
            throw new ForbiddenException("This customer also wrote to an account you are not a member of; ask an administrator to delete them.");
        }

        db.Contacts.Remove(contact);
        await db.SaveChangesAsync(ct);
    }

    private async Task ApplyAsync(Actor actor, Contact contact, ContactInput input, CancellationToken ct)
    {
        var email = input.Email?.Trim().ToLowerInvariant();
        var lists = db.VisibleContactListIds(actor);
        var v = new Validator().Email("email", email)
            .Length("firstName", input.FirstName, 0, 100).Length("lastName", input.LastName, 0, 100).Length("phone", input.Phone, 0, 50)
            .When(!await lists.AnyAsync(l => l == input.ListId, ct), "listId", $"contact list {input.ListId} does not exist.");
        v.When(await db.Contacts.AnyAsync(c => c.ListId == input.ListId && c.Email == email && c.Id != contact.Id, ct),
            "email", $"'{email}' is already in this list.");
        v.ThrowIfInvalid();
        contact.ListId = input.ListId;
        contact.FirstName = input.FirstName?.Trim();
        contact.LastName = input.LastName?.Trim();
        contact.Email = email!;
        contact.Phone = input.Phone?.Trim();
    }

    private async Task<Contact> LoadAsync(Actor actor, int id, CancellationToken ct) =>
        await db.VisibleContacts(actor).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException($"Contact {id}");
}
