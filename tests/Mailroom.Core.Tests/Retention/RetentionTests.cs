using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Held;
using Mailroom.Core.Notes;
using Mailroom.Core.Retention;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Retention;

/// <summary>
/// An account's retention removes closed interactions after its days — with their raw mail, attachments and files —
/// or keeps them anonymised for the reports; a legal hold keeps everything; erasing a customer takes every trace of
/// their address, and is refused whole when a hold covers any of it.
/// </summary>
public abstract class RetentionTests(DatabaseProvider provider)
{
    [Fact]
    public async Task ClosedLongerAgoThanTheDays_IsDeletedWithItsRawMail_RecentAndOpenStay_AndItIsAudited()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        await SetRetentionAsync(h, new RetentionSettings { Days = 30 });
        var old = await ClosedMailAsync(h, "ann@customer.test", daysAgo: 31);
        var recent = await ClosedMailAsync(h, "ann@customer.test", daysAgo: 29);
        var open = await h.NewInteractionFromMailAsync(Mail("bob@customer.test"));
        var oldRaw = await RawOfAsync(h, old);

        var swept = await SweepAsync(h);

        Assert.Equal([(h.AccountId, 1)], swept);
        Assert.Equal([recent, open], await IdsAsync(h));
        Assert.False(h.Blobs.Exists(oldRaw), "the raw mail of the deleted interaction is still stored");
        await using var db = h.Database.NewContext();
        var entry = await db.AuditEntries.SingleAsync();
        Assert.Equal(("retention deleted", "account SUP", "1 interaction closed more than 30 days ago", (int?)null), (entry.Action, entry.Target, entry.Details, entry.ActorUserId));
        Assert.Empty(await SweepAsync(h));
    }

    [Fact]
    public async Task LegalHold_KeepsEverything_UntilLifted()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        await SetRetentionAsync(h, new RetentionSettings { Days = 1, LegalHold = true });
        var old = await ClosedMailAsync(h, "ann@customer.test", daysAgo: 400);

        Assert.Empty(await SweepAsync(h));
        Assert.Equal([old], await IdsAsync(h));

        await SetRetentionAsync(h, new RetentionSettings { Days = 1 });
        Assert.Single(await SweepAsync(h));
        Assert.Empty(await IdsAsync(h));
    }

    [Fact]
    public async Task Anonymise_KeepsTheRowForTheReports_WithoutAWordOfTheCustomers()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        await SetRetentionAsync(h, new RetentionSettings { Days = 30, Mode = RetentionMode.Anonymise });
        var old = await ClosedMailAsync(h, "ann@customer.test", daysAgo: 31);
        var raw = await RawOfAsync(h, old);
        var agent = (await h.AddAgentsAsync(1))[0];
        await h.RunAsync<AddNote, NoteView>(n => n.RunAsync(new Actor(agent, Role.Admin), old, new NoteInput("Ann's card number is on file"), default));

        Assert.Single(await SweepAsync(h));
        Assert.Empty(await SweepAsync(h));

        await using var db = h.Database.NewContext();
        var kept = await db.Interactions.SingleAsync(i => i.Id == old);
        Assert.Equal(("", null, null, InteractionStatus.Closed), (kept.Subject, kept.LastMessagePreview, kept.ContactId, kept.Status));
        Assert.Equal(h.Now, kept.AnonymisedAt);
        Assert.NotNull(kept.ClosedAt);
        Assert.False(await db.Messages.AnyAsync(m => m.InteractionId == old));
        Assert.False(await db.Notes.AnyAsync(n => n.InteractionId == old));
        Assert.False(h.Blobs.Exists(raw));
        Assert.Equal("retention anonymised", (await db.AuditEntries.SingleAsync()).Action);
    }

    [Fact]
    public async Task EraseCustomer_TakesEveryContactInteractionAndHeldMailOfTheirAddress_AndLeavesOthers()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var admin = new Actor((await h.AddAgentsAsync(1))[0], Role.Admin);
        var contact = await ContactAsync(h, "ann@customer.test");
        var linked = await ClosedMailAsync(h, "ann@customer.test", daysAgo: 2);
        var unlinked = await h.NewInteractionFromMailAsync(Mail("ANN@customer.test"));
        var other = await h.NewInteractionFromMailAsync(Mail("bob@customer.test"));
        await LinkAsync(h, linked, contact);
        var heldRaw = await HoldAsync(h, "ann@customer.test");
        var raw = await RawOfAsync(h, unlinked);

        var result = await h.RunAsync<CustomerErasure, ErasureResult>(e => e.EraseAsync(admin, contact, default));

        Assert.Equal(new ErasureResult(1, 2, 1), result);
        Assert.Equal([other], await IdsAsync(h));
        Assert.False(h.Blobs.Exists(raw));
        Assert.False(h.Blobs.Exists(heldRaw), "the held mail's raw copy is still stored");
        await using var db = h.Database.NewContext();
        Assert.False(await db.Contacts.AnyAsync());
        Assert.False(await db.HeldMails.AnyAsync());
        var entry = await db.AuditEntries.SingleAsync();
        Assert.Equal(("customer erased", $"contact {contact}", "1 contacts, 2 interactions, 1 held mails"), (entry.Action, entry.Target, entry.Details));
        Assert.DoesNotContain("ann", entry.Target + entry.Details, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EraseCustomer_UnderLegalHold_IsRefusedWhole_AndBySupervisorsForbidden()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var admin = new Actor((await h.AddAgentsAsync(1))[0], Role.Admin);
        var contact = await ContactAsync(h, "ann@customer.test");
        var kept = await h.NewInteractionFromMailAsync(Mail("ann@customer.test"));
        await SetRetentionAsync(h, new RetentionSettings { LegalHold = true });

        var refused = await Assert.ThrowsAsync<ConflictException>(() => h.RunAsync<CustomerErasure, ErasureResult>(e => e.EraseAsync(admin, contact, default)));
        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<CustomerErasure, ErasureResult>(e => e.EraseAsync(new Actor(admin.PersonId!.Value, Role.Supervisor), contact, default)));

        Assert.Contains("legal hold in Support", refused.Message, StringComparison.Ordinal);
        Assert.Equal([kept], await IdsAsync(h));
        await using var db = h.Database.NewContext();
        Assert.True(await db.Contacts.AnyAsync());
    }

    private static string Mail(string from) =>
        $"From: Customer <{from}>\nTo: support@example.test\nSubject: Order {Guid.NewGuid():N}\nMessage-ID: <{Guid.NewGuid():N}@customer.test>\n\nWhere is my parcel?\n";

    private static async Task<long> ClosedMailAsync(RoutingHarness h, string from, int daysAgo)
    {
        var id = await h.NewInteractionFromMailAsync(Mail(from));
        await using var db = h.Database.NewContext();
        await db.Interactions.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, InteractionStatus.Closed).SetProperty(i => i.ClosedAt, h.Now.AddDays(-daysAgo)));
        return id;
    }

    private static async Task SetRetentionAsync(RoutingHarness h, RetentionSettings retention)
    {
        await using var db = h.Database.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.Id == h.AccountId);
        account.Retention = retention;
        await db.SaveChangesAsync();
    }

    private static async Task<IReadOnlyList<(int AccountId, int Count)>> SweepAsync(RoutingHarness h)
    {
        await using var scope = h.Scope();
        return await RetentionSweep.SweepAsync(scope.ServiceProvider, h.Now, default);
    }

    private static async Task<List<long>> IdsAsync(RoutingHarness h)
    {
        await using var db = h.Database.NewContext();
        return await db.Interactions.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync();
    }

    private static async Task<string> RawOfAsync(RoutingHarness h, long interactionId)
    {
        await using var db = h.Database.NewContext();
        return await db.Messages.Where(m => m.InteractionId == interactionId).Select(m => m.RawSha256).SingleAsync();
    }

    private static async Task<int> ContactAsync(RoutingHarness h, string email)
    {
        await using var db = h.Database.NewContext();
        var list = new Contacts.ContactList { Name = "Customers", CreatedAt = h.Now };
        db.ContactLists.Add(list);
        await db.SaveChangesAsync();
        var contact = new Contacts.Contact { ListId = list.Id, Email = email, FirstName = "Ann", CreatedAt = h.Now };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact.Id;
    }

    private static async Task LinkAsync(RoutingHarness h, long interactionId, int contactId)
    {
        await using var db = h.Database.NewContext();
        await db.Interactions.Where(i => i.Id == interactionId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ContactId, contactId));
    }

    private static async Task<string> HoldAsync(RoutingHarness h, string from)
    {
        await using var db = h.Database.NewContext();
        var raw = await h.Blobs.PutAsync("Subject: Away\r\n\r\nx"u8.ToArray());
        db.HeldMails.Add(new HeldMail { AccountId = h.AccountId, Mailbox = "INBOX", Uid = 9, RawSha256 = raw, From = from, Reason = HoldReason.Automatic, HeldAt = h.Now });
        await db.SaveChangesAsync();
        return raw;
    }

    public sealed class OnSqlite() : RetentionTests(DatabaseProvider.Sqlite);

    [NeedsServer(NeedsServerAttribute.PostgreSql)]
    public sealed class OnPostgres() : RetentionTests(DatabaseProvider.Postgres);
}
