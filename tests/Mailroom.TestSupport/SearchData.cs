using Mailroom.Core.Accounts;
using Mailroom.Core.Contacts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;

namespace Mailroom.TestSupport;

/// <summary>
/// A small, hand-built set of interactions whose search and filter results are known by heart:
/// account SUP holds Jane's refund (open, unread, Alice's) and John's delivery question (closed, Bob first);
/// account SAL holds Zed's invoice (open, reopened, Bob's). Alice is a member of SUP only, Bob of both.
/// </summary>
public sealed class SearchData
{
    public static readonly DateTime Day1 = new(2026, 1, 10, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Day2 = new(2026, 2, 10, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Day3 = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);

    public int Support { get; private set; }
    public int Sales { get; private set; }
    public int Alice { get; private set; }
    public int Bob { get; private set; }
    public int Queue { get; private set; }
    public long Refund { get; private set; }
    public long Delivery { get; private set; }
    public long Invoice { get; private set; }

    public static async Task<SearchData> SeedAsync(MailroomDb db)
    {
        var data = new SearchData();
        var sup = new EmailAccount { Name = "Support", Key = "SUP", Address = "support@example.test", CreatedAt = Day1, UpdatedAt = Day1 };
        var sal = new EmailAccount { Name = "Sales", Key = "SAL", Address = "sales@example.test", CreatedAt = Day1, UpdatedAt = Day1 };
        var alice = new User { Email = "alice@example.test", DisplayName = "Alice Agent", CreatedAt = Day1 };
        var bob = new User { Email = "bob@example.test", DisplayName = "Bob Builder", CreatedAt = Day1 };
        var list = new ContactList { Name = "Default", CreatedAt = Day1 };
        db.AddRange(sup, sal, alice, bob, list);
        var queue = new Mailroom.Core.Queues.MailQueue { Name = "Billing", CreatedAt = Day1 };
        db.Add(queue);
        await db.SaveChangesAsync();
        db.AccountMembers.AddRange(new AccountMember { AccountId = sup.Id, UserId = alice.Id }, new AccountMember { AccountId = sup.Id, UserId = bob.Id },
            new AccountMember { AccountId = sal.Id, UserId = bob.Id });
        var jane = new Contact { ListId = list.Id, FirstName = "Jane", LastName = "Doe", Email = "jane.doe@customer.test", CreatedAt = Day1 };
        var john = new Contact { ListId = list.Id, FirstName = "John", LastName = "Smith", Email = "john.smith@other.test", CreatedAt = Day1 };
        var zed = new Contact { ListId = list.Id, Email = "zed@zzz.test", CreatedAt = Day1 };
        db.Contacts.AddRange(jane, john, zed);
        await db.SaveChangesAsync();

        var refund = new Interaction
        {
            AccountId = sup.Id,
            ContactId = jane.Id,
            Subject = "Refund for order 1001",
            UnreadCount = 1,
            AssignedUserId = alice.Id,
            FirstAgentId = alice.Id,
            QueueId = queue.Id,
            CreatedAt = Day1,
            LastActivityAt = Day1,
        };
        var delivery = new Interaction
        {
            AccountId = sup.Id,
            ContactId = john.Id,
            Subject = "Delivery question",
            Status = InteractionStatus.Closed,
            FirstAgentId = bob.Id,
            CreatedAt = Day2,
            LastActivityAt = Day2,
            FirstResponseAt = Day2.AddHours(1),
            ClosedAt = Day2.AddHours(2),
        };
        var invoice = new Interaction
        {
            AccountId = sal.Id,
            ContactId = zed.Id,
            Subject = "Invoice copy",
            UnreadCount = 2,
            AssignedUserId = bob.Id,
            FirstAgentId = bob.Id,
            Reopened = true,
            CreatedAt = Day3,
            LastActivityAt = Day3,
        };
        db.Interactions.AddRange(refund, delivery, invoice);
        await db.SaveChangesAsync();
        db.Messages.AddRange(
            Incoming(refund, "jane.doe@customer.test", "Jane Doe", "Please refund my broken kettle, thanks"),
            Incoming(delivery, "john.smith@other.test", "John Smith", "Where is my parcel? Thanks"),
            Incoming(invoice, "zed@zzz.test", null, "Send the invoice for order 2002 please"));
        await db.SaveChangesAsync();
        (data.Support, data.Sales, data.Alice, data.Bob, data.Queue) = (sup.Id, sal.Id, alice.Id, bob.Id, queue.Id);
        (data.Refund, data.Delivery, data.Invoice) = (refund.Id, delivery.Id, invoice.Id);
        return data;
    }

    public static Message Incoming(Interaction interaction, string from, string? fromName, string text) => new()
    {
        InteractionId = interaction.Id,
        AccountId = interaction.AccountId,
        Direction = MessageDirection.Incoming,
        From = from,
        FromName = fromName,
        To = "support@example.test",
        Subject = interaction.Subject,
        TextBody = text,
        RawSha256 = BlobStore.Hash(System.Text.Encoding.UTF8.GetBytes(interaction.Subject + text)),
        MessageIdHeader = $"{Guid.NewGuid():N}@customer.test",
        CreatedAt = interaction.CreatedAt,
    };
}
