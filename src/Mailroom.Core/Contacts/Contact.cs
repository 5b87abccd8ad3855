namespace Mailroom.Core.Contacts;

public sealed class ContactList
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A customer, found by email address or created in the account's default list when they first write.</summary>
public sealed class Contact
{
    public int Id { get; set; }
    public int ListId { get; set; }
    public ContactList? List { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }

    /// <summary>Lower-cased, so lookups by address are exact and indexable.</summary>
    public required string Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>Set when mail to this address bounced permanently: the receiving server's diagnostic, and when.</summary>
    public string? UndeliverableReason { get; set; }

    public DateTime? UndeliverableAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
