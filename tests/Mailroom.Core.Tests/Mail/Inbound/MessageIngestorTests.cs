using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Inbound;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Mailroom.Core.Tests.Mail.Inbound;

public sealed class MessageIngestorTests
{
    [Fact]
    public async Task Ingest_NewMessage_OpensAnUnreadInteractionWithContactEventsAndCheckpoint()
    {
        await using var f = await IngestFixture.CreateAsync();

        var outcome = await f.IngestAsync(f.Support, IngestFixture.Mail("Where is my order?", "m1@customer.test"), uidValidity: 7, uid: 3);

        Assert.Equal(IngestOutcome.Stored, outcome);
        await using var db = f.Database.NewContext();
        var message = await db.Messages.SingleAsync();
        var interaction = await db.Interactions.SingleAsync();
        Assert.Equal((f.Support.Id, InteractionStatus.Open, 1, "Hello", null), (interaction.AccountId, interaction.Status, interaction.UnreadCount, interaction.LastMessagePreview, interaction.AssignedUserId));
        Assert.Equal(MessageDirection.Incoming, interaction.LastMessageDirection);
        Assert.Equal(("m1@customer.test", "ann@customer.test", "Ann Customer", interaction.Id), (message.MessageIdHeader, message.From, message.FromName, message.InteractionId));
        var contact = await db.Contacts.Include(c => c.List).SingleAsync();
        Assert.Equal(("ann@customer.test", "Customers", contact.Id), (contact.Email, contact.List!.Name, interaction.ContactId!.Value));
        Assert.Equal(["InteractionCreated", "MessageStored"], await db.Events.OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync());
        var checkpoint = await db.Checkpoints.SingleAsync();
        Assert.Equal((7L, 3L), (checkpoint.UidValidity, checkpoint.LastUid));
        Assert.True(f.Blobs.Exists(message.RawSha256));
    }

    [Fact]
    public async Task Ingest_ReplyWithInReplyTo_JoinsTheInteraction_AndClearsTheSubStatus()
    {
        await using var f = await IngestFixture.CreateAsync();
        await f.IngestAsync(f.Support, IngestFixture.Mail("Order", "m1@customer.test"));
        await using (var db = f.Database.NewContext())
        {
            var pending = db.SubStatuses.Add(new Mailroom.Core.SubStatuses.SubStatus { Name = "Pending", IsBuiltIn = true }).Entity;
            await db.SaveChangesAsync();
            await db.Interactions.ExecuteUpdateAsync(s => s.SetProperty(i => i.SubStatusId, pending.Id));
        }

        await f.IngestAsync(f.Support, IngestFixture.Mail("Re: Order", "m2@customer.test", inReplyTo: "m1@customer.test", body: "Any news?"));

        await using var check = f.Database.NewContext();
        var interaction = await check.Interactions.SingleAsync();
        Assert.Equal((2, (int?)null, "Any news?"), (interaction.UnreadCount, interaction.SubStatusId, interaction.LastMessagePreview));
        Assert.Equal(2, await check.Messages.CountAsync(m => m.InteractionId == interaction.Id));
    }

    [Fact]
    public async Task Ingest_ReplyToAParkedInteraction_UnparksItInTheSameCommit()
    {
        await using var f = await IngestFixture.CreateAsync();
        await f.IngestAsync(f.Support, IngestFixture.Mail("Order", "m1@customer.test"));
        await using (var db = f.Database.NewContext())
        {
            await db.Interactions.ExecuteUpdateAsync(s => s.SetProperty(i => i.ParkedAt, f.Time.GetUtcNow().UtcDateTime)
                .SetProperty(i => i.ParkedUntil, f.Time.GetUtcNow().UtcDateTime.AddDays(3)));
        }

        await f.IngestAsync(f.Support, IngestFixture.Mail("Re: Order", "m2@customer.test", inReplyTo: "m1@customer.test", body: "Any news?"));

        await using var check = f.Database.NewContext();
        var interaction = await check.Interactions.SingleAsync();
        Assert.Equal((null, null), (interaction.ParkedAt, interaction.ParkedUntil));
        var unparked = await check.Events.Where(e => e.Type == nameof(Mailroom.Core.Parking.InteractionUnparked)).SingleAsync();
        Assert.Equal(Mailroom.Core.Parking.UnparkReason.CustomerWrote, Mailroom.Core.Events.EventLog.Read<Mailroom.Core.Parking.InteractionUnparked>(unparked).Reason);
        Assert.Equal(["MessageStored", "InteractionUnparked", "MessageStored"],
            await check.Events.OrderBy(e => e.Sequence).Where(e => e.Type != "InteractionCreated").Select(e => e.Type).ToListAsync());
    }

    [Fact]
    public async Task Ingest_SameSubjectWithoutReferences_StartsANewInteraction()
    {
        await using var f = await IngestFixture.CreateAsync();
        await f.IngestAsync(f.Support, IngestFixture.Mail("Invoice", "m1@customer.test"));

        await f.IngestAsync(f.Support, IngestFixture.Mail("Invoice", "m2@other.test", from: "bob@other.test"));

        await using var db = f.Database.NewContext();
        Assert.Equal(2, await db.Interactions.CountAsync());
    }

    [Fact]
    public async Task Ingest_ReplyToAMessageOfATransferredInteraction_JoinsItInTheNewAccount()
    {
        await using var f = await IngestFixture.CreateAsync();
        await f.IngestAsync(f.Support, IngestFixture.Mail("Order", "m1@customer.test"));
        await using (var db = f.Database.NewContext())
        {
            await db.Interactions.ExecuteUpdateAsync(s => s.SetProperty(i => i.AccountId, f.Sales.Id));
        }

        await f.IngestAsync(f.Support, IngestFixture.Mail("Re: Order", "m2@customer.test", inReplyTo: "m1@customer.test"));

        await using var check = f.Database.NewContext();
        var interaction = await check.Interactions.SingleAsync();
        Assert.Equal((f.Sales.Id, 2), (interaction.AccountId, interaction.UnreadCount));
        Assert.Equal(f.Sales.Id, (await check.Events.OrderBy(e => e.Sequence).LastAsync()).AccountId);
    }

    [Fact]
    public async Task Ingest_ReplyToAClosedInteraction_OpensANewOneLinkedBothWays()
    {
        await using var f = await IngestFixture.CreateAsync();
        await f.IngestAsync(f.Support, IngestFixture.Mail("Order", "m1@customer.test"));
        await using (var db = f.Database.NewContext())
        {
            await db.Interactions.ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InteractionStatus.Closed));
        }

        await f.IngestAsync(f.Support, IngestFixture.Mail("Re: Order", "m2@customer.test", inReplyTo: "m1@customer.test"));
        await f.IngestAsync(f.Support, IngestFixture.Mail("Re: Re: Order", "m3@customer.test", inReplyTo: "m1@customer.test"));

        await using var check = f.Database.NewContext();
        var all = await check.Interactions.OrderBy(i => i.Id).ToListAsync();
        Assert.Equal(2, all.Count);
        var (closed, continued) = (all[0], all[1]);
        Assert.Equal((continued.Id, closed.Id), (closed.ContinuedInId, continued.ContinuedFromId));
        Assert.Equal((InteractionStatus.Closed, InteractionStatus.Open, 2), (closed.Status, continued.Status, continued.UnreadCount));
    }

    [Fact]
    public async Task Ingest_ReplyToAClosedInteraction_AttachesTheClosedConversationAsAnEmlBundle()
    {
        await using var f = await IngestFixture.CreateAsync();
        await f.IngestAsync(f.Support, IngestFixture.Mail("Order", "m1@customer.test", body: "First question"));
        await f.IngestAsync(f.Support, IngestFixture.Mail("Re: Order", "m2@customer.test", inReplyTo: "m1@customer.test", body: "Second question"));
        await using (var db = f.Database.NewContext())
        {
            await db.Interactions.ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InteractionStatus.Closed));
        }

        await f.IngestAsync(f.Support, IngestFixture.Mail("Re: Order", "m3@customer.test", inReplyTo: "m2@customer.test", body: "Back again"));

        await using var check = f.Database.NewContext();
        var closed = await check.Interactions.OrderBy(i => i.Id).FirstAsync();
        var newest = await check.Messages.Include(m => m.Attachments).SingleAsync(m => m.MessageIdHeader == "m3@customer.test");
        Assert.NotEqual(closed.Id, newest.InteractionId);
        var bundle = Assert.Single(newest.Attachments);
        Assert.Equal((ClosedInteractionBundle.FileName(closed.Id), "message/rfc822"), (bundle.FileName, bundle.ContentType));
        await using var stream = f.Blobs.OpenRead(bundle.BlobSha256);
        var digest = Assert.IsType<Multipart>((await MimeMessage.LoadAsync(stream)).Body);
        var inner = digest.OfType<MessagePart>().Select(p => p.Message!.MessageId).ToList();
        Assert.Equal(["m1@customer.test", "m2@customer.test"], inner);
        Assert.Contains(await check.History.Where(h => h.InteractionId == newest.InteractionId).Select(h => h.Action).ToListAsync(), a => a == "ContinuedFrom");
    }

    [Fact]
    public async Task Ingest_SameUidTwice_StoresOnce()
    {
        await using var f = await IngestFixture.CreateAsync();
        var raw = IngestFixture.Mail("Order", "m1@customer.test");

        Assert.Equal(IngestOutcome.Stored, await f.IngestAsync(f.Support, raw, uid: 5));
        Assert.Equal(IngestOutcome.AlreadyStored, await f.IngestAsync(f.Support, raw, uid: 5));

        await using var db = f.Database.NewContext();
        Assert.Equal(1, await db.Messages.CountAsync());
    }

    [Fact]
    public async Task Ingest_SameMessageUnderANewUidValidity_IsRecognized_AndTheCheckpointMoves()
    {
        await using var f = await IngestFixture.CreateAsync();
        var raw = IngestFixture.Mail("Order", "m1@customer.test");
        await f.IngestAsync(f.Support, raw, uidValidity: 1, uid: 9);

        var outcome = await f.IngestAsync(f.Support, raw, uidValidity: 2, uid: 1);

        Assert.Equal(IngestOutcome.AlreadyStored, outcome);
        await using var db = f.Database.NewContext();
        Assert.Equal(1, await db.Messages.CountAsync());
        var checkpoint = await db.Checkpoints.SingleAsync();
        Assert.Equal((2L, 1L), (checkpoint.UidValidity, checkpoint.LastUid));
    }

    [Fact]
    public async Task IngestOversized_RecordsAProblem_AndAdvancesTheCheckpoint()
    {
        await using var f = await IngestFixture.CreateAsync();
        var sha = await f.Blobs.PutAsync(new byte[] { 1, 2, 3 });

        var outcome = await f.Ingestor.IngestOversizedAsync(f.Support, new MailboxPosition(f.Support.Id, "INBOX", 1, 4), sha, 3, 2, CancellationToken.None);

        Assert.Equal(IngestOutcome.Problem, outcome);
        await using var db = f.Database.NewContext();
        var problem = await db.IngestProblems.SingleAsync();
        Assert.StartsWith("Oversized", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(4, (await db.Checkpoints.SingleAsync()).LastUid);
        Assert.Equal(0, await db.Messages.CountAsync());
    }
}
