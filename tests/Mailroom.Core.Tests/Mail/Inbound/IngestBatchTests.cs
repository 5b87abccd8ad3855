using Mailroom.Core.Mail.Held;
using Mailroom.Core.Mail.Inbound;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Inbound;

/// <summary>
/// A batch reads what it needs about its senders and threads once; every message in it must still see the ones
/// stored or held before it, as if each had been ingested alone.
/// </summary>
public sealed class IngestBatchTests : IAsyncLifetime
{
    private IngestFixture _f = null!;

    public async Task InitializeAsync() => _f = await IngestFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Batch_OfThirtyFromOneSender_StoresTen_AndHoldsTheRestAsFlood()
    {
        var outcomes = await _f.IngestBatchAsync(_f.Support, Enumerable.Range(0, 30).Select(i => IngestFixture.Mail($"Loop {i}", $"loop{i}@customer.test")));

        Assert.Equal(Enumerable.Repeat(IngestOutcome.Stored, 10).Concat(Enumerable.Repeat(IngestOutcome.Held, 20)), outcomes);
        await using var db = _f.Database.NewContext();
        Assert.Equal(20, await db.HeldMails.CountAsync(h => h.Reason == HoldReason.Flood));
    }

    [Fact]
    public async Task Batch_WithAReplyToAnEarlierMessageOfIt_JoinsThatInteraction_AndANewSenderTwiceIsOneContact()
    {
        var outcomes = await _f.IngestBatchAsync(_f.Support,
        [
            IngestFixture.Mail("Broken lamp", "lamp-1@customer.test", from: "Bo New <bo@new.test>"),
            IngestFixture.Mail("Invoice", "invoice-1@customer.test"),
            IngestFixture.Mail("Re: Broken lamp", "lamp-2@customer.test", inReplyTo: "lamp-1@customer.test", from: "Bo New <bo@new.test>"),
        ]);

        Assert.All(outcomes, o => Assert.Equal(IngestOutcome.Stored, o));
        await using var db = _f.Database.NewContext();
        var lamp = await db.Messages.Where(m => m.Subject.Contains("lamp")).Select(m => m.InteractionId).Distinct().ToListAsync();
        Assert.Single(lamp);
        Assert.Equal(2, await db.Interactions.CountAsync());
        Assert.Equal(1, await db.Contacts.CountAsync(c => c.Email == "bo@new.test"));
        Assert.Equal(2, await db.Interactions.Where(i => i.ContactId != null).Select(i => i.ContactId).Distinct().CountAsync());
    }

    [Fact]
    public async Task Batch_FromABlockedDomain_IsHeld_AndAnAllowedAddressInItIsNot()
    {
        await using (var db = _f.Database.NewContext())
        {
            db.SenderRules.AddRange(
                new SenderRule { AccountId = _f.Support.Id, Sender = "spam.test", Kind = SenderRuleKind.Block },
                new SenderRule { AccountId = _f.Support.Id, Sender = "boss@spam.test", Kind = SenderRuleKind.Allow });
            await db.SaveChangesAsync();
        }

        var outcomes = await _f.IngestBatchAsync(_f.Support,
        [
            IngestFixture.Mail("Cheap pills", "pills@spam.test", from: "x@spam.test"),
            IngestFixture.Mail("Our contract", "contract@spam.test", from: "boss@spam.test"),
        ]);

        Assert.Equal([IngestOutcome.Held, IngestOutcome.Stored], outcomes);
    }
}
