using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Contacts;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Held;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Tests.Mail.Inbound;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailroom.Core.Tests.Mail.Held;

/// <summary>The Held stage through the real ingest path: what is held never becomes an interaction, so routing never offers it.</summary>
public sealed class HeldIngestTests : IAsyncLifetime
{
    private IngestFixture _f = null!;

    public async Task InitializeAsync() => _f = await IngestFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Ingest_ThirtyFromOneSenderWithinMinutes_RoutesTen_HoldsTwentyAsFlood()
    {
        var outcomes = new List<IngestOutcome>();
        for (var i = 0; i < 30; i++)
        {
            outcomes.Add(await _f.IngestAsync(_f.Support, IngestFixture.Mail($"Loop {i}", $"loop{i}@customer.test")));
            _f.Time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(Enumerable.Repeat(IngestOutcome.Stored, 10).Concat(Enumerable.Repeat(IngestOutcome.Held, 20)), outcomes);
        await using var db = _f.Database.NewContext();
        Assert.Equal(10, await db.Interactions.CountAsync());
        var held = await db.HeldMails.OrderBy(h => h.Id).ToListAsync();
        Assert.Equal(20, held.Count);
        Assert.All(held, h => Assert.Equal((HoldReason.Flood, "ann@customer.test"), (h.Reason, h.From)));
        Assert.Equal(30L, (await db.Checkpoints.SingleAsync()).LastUid);
    }

    [Fact]
    public async Task Ingest_ABacklogOfOneCustomersMailsWrittenOverMonths_IsNoFlood_EvenWhenFetchedAtOnce()
    {
        // A mailbox connected with its history: twenty mails of one customer, a week apart, arrive in one fetch.
        var outcomes = new List<IngestOutcome>();
        for (var i = 0; i < 20; i++)
        {
            var written = new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero).AddDays(7 * i);
            outcomes.Add(await _f.IngestAsync(_f.Support, IngestFixture.Mail($"Order {i}", $"order{i}@customer.test", date: written)));
        }

        Assert.All(outcomes, o => Assert.Equal(IngestOutcome.Stored, o));
        await using var db = _f.Database.NewContext();
        Assert.Equal(0, await db.HeldMails.CountAsync());
    }

    [Fact]
    public async Task Ingest_FloodedSender_StaysHeldAnHourPastItsLastHeldMail_ThenRoutesAgain()
    {
        for (var i = 0; i < 11; i++)
        {
            await _f.IngestAsync(_f.Support, IngestFixture.Mail($"Loop {i}", $"loop{i}@customer.test"));
        }

        _f.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(IngestOutcome.Held, await _f.IngestAsync(_f.Support, IngestFixture.Mail("Still looping", "late1@customer.test")));
        _f.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(IngestOutcome.Held, await _f.IngestAsync(_f.Support, IngestFixture.Mail("Looping on", "late2@customer.test")));
        _f.Time.Advance(TimeSpan.FromMinutes(61));
        // Written now, two and a half hours after the loop's mails.
        var person = IngestFixture.Mail("A person again", "late3@customer.test", date: _f.Time.GetUtcNow());
        Assert.Equal(IngestOutcome.Stored, await _f.IngestAsync(_f.Support, person));
    }

    [Fact]
    public async Task Ingest_OutOfOffice_IsHeld_UnlessTheAccountRoutesAutomaticMail()
    {
        Assert.Equal(IngestOutcome.Held, await _f.IngestFileAsync(_f.Support, "out-of-office.eml"));
        await using (var db = _f.Database.NewContext())
        {
            Assert.Equal(0, await db.Interactions.CountAsync());
            Assert.Equal(HoldReason.Automatic, (await db.HeldMails.SingleAsync()).Reason);
            (await db.Accounts.SingleAsync(a => a.Id == _f.Sales.Id)).Hold.RouteAutomaticMail = true;
            await db.SaveChangesAsync();
        }

        var sales = await LoadAsync(_f.Sales.Id);
        Assert.Equal(IngestOutcome.Stored, await _f.IngestFileAsync(sales, "out-of-office.eml"));
    }

    [Fact]
    public async Task Ingest_BounceOfOurReply_MarksThatMessageBounced_FlagsTheContact_TellsTheAgent_AndOpensNoInteraction()
    {
        var agent = await MemberAsync(Role.Agent);
        await using (var db = _f.Database.NewContext())
        {
            db.Contacts.Add(new Contact { Email = "nobody@customer.test", List = new ContactList { Name = "Customers" } });
            await db.SaveChangesAsync();
        }

        var outgoingId = await SentReplyAsync(agent.UserId);

        Assert.Equal(IngestOutcome.Held, await _f.IngestFileAsync(_f.Support, "bounce-postfix.eml"));

        await using var check = _f.Database.NewContext();
        Assert.Equal(1, await check.Interactions.CountAsync());
        var item = await check.Outbox.SingleAsync(o => o.MessageId == outgoingId);
        Assert.Equal(OutboxState.Bounced, item.State);
        Assert.Contains("550 5.1.1", item.LastError);
        Assert.Contains(await check.Events.Select(e => e.Type).ToListAsync(), t => t == nameof(OutboundStatusChanged));
        Assert.Equal(HoldReason.Bounce, (await check.HeldMails.SingleAsync()).Reason);
        var contact = await check.Contacts.SingleAsync();
        Assert.Contains("550 5.1.1", contact.UndeliverableReason);
        Assert.Equal(_f.Time.GetUtcNow().UtcDateTime, contact.UndeliverableAt);
        var told = await check.Events.SingleAsync(e => e.Type == nameof(MessageBounced));
        Assert.Equal(agent.UserId, told.UserId);
        Assert.Equal(["nobody@customer.test"], EventLog.Read<MessageBounced>(told).Recipients);
    }

    [Fact]
    public async Task Ingest_AReportThatOnlySaysDelayed_LeavesTheOutgoingMessageAlone()
    {
        var raw = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Mail", "Inbound", "Fixtures", "bounce-postfix.eml"))
            .Replace("Action: failed", "Action: delayed", StringComparison.Ordinal);
        await SentReplyAsync(null);

        Assert.Equal(IngestOutcome.Held, await _f.IngestAsync(_f.Support, raw));

        await using var check = _f.Database.NewContext();
        Assert.Equal(OutboxState.Sent, (await check.Outbox.SingleAsync()).State);
    }

    [Fact]
    public async Task Expiry_DeletesHeldMailOlderThanItsAccountsDays_AndRecordsIt()
    {
        await _f.IngestFileAsync(_f.Support, "out-of-office.eml");
        await _f.IngestFileAsync(_f.Sales, "out-of-office.eml");
        await using (var db = _f.Database.NewContext())
        {
            (await db.Accounts.SingleAsync(a => a.Id == _f.Sales.Id)).Hold.ExpiryDays = 3;
            await db.SaveChangesAsync();
        }

        await using var sweep = _f.Database.NewContext();
        Assert.Empty(await HeldExpiry.SweepAsync(sweep, _f.Time.GetUtcNow().UtcDateTime.AddDays(2), default));
        Assert.Equal([(_f.Sales.Id, 1)], await HeldExpiry.SweepAsync(sweep, _f.Time.GetUtcNow().UtcDateTime.AddDays(3).AddMinutes(1), default));
        // The support account keeps the default 30 days.
        Assert.Empty(await HeldExpiry.SweepAsync(sweep, _f.Time.GetUtcNow().UtcDateTime.AddDays(29), default));
        Assert.Equal([(_f.Support.Id, 1)], await HeldExpiry.SweepAsync(sweep, _f.Time.GetUtcNow().UtcDateTime.AddDays(31), default));

        await using var check = _f.Database.NewContext();
        Assert.Empty(await check.HeldMails.ToListAsync());
        var recorded = await check.Events.Where(e => e.Type == nameof(HeldMailExpired)).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([new HeldMailExpired(_f.Sales.Id, 1, 3), new HeldMailExpired(_f.Support.Id, 1, 30)], recorded.Select(EventLog.Read<HeldMailExpired>));
    }

    [Fact]
    public async Task Release_HeldMail_IsStoredAndAnnouncedAsIfJustArrived_AndLeavesHeld()
    {
        await _f.IngestFileAsync(_f.Support, "out-of-office.eml");
        var supervisor = await MemberAsync(Role.Supervisor);
        await using var db = _f.Database.NewContext();
        var held = new HeldMails(db, _f.Ingestor, _f.Time);
        var listed = Assert.Single(await held.ListAsync(supervisor, _f.Support.Id, default));
        Assert.Equal(("olivia@customer.test", "Out of Office: Re: Your order"), (listed.From, listed.Subject));

        var messageId = await held.ReleaseAsync(supervisor, _f.Support.Id, listed.Id, default);

        await using var check = _f.Database.NewContext();
        var message = await check.Messages.SingleAsync();
        Assert.Equal((messageId, "I am out of the office until Monday."), (message.Id, message.TextBody?.Trim()));
        Assert.Equal(["InteractionCreated", "MessageStored"], await check.Events.OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync());
        Assert.Empty(await check.HeldMails.ToListAsync());
    }

    [Fact]
    public async Task HeldView_AnAgent_OrASupervisorOfAnotherAccount_IsRefused()
    {
        await _f.IngestFileAsync(_f.Support, "out-of-office.eml");
        var agent = await MemberAsync(Role.Agent);
        var outsider = new Actor(agent.UserId + 1000, Role.Supervisor);
        await using var db = _f.Database.NewContext();
        var held = new HeldMails(db, _f.Ingestor, _f.Time);

        await Assert.ThrowsAsync<ForbiddenException>(() => held.ListAsync(agent, _f.Support.Id, default));
        await Assert.ThrowsAsync<NotFoundException>(() => held.ListAsync(outsider, _f.Support.Id, default));
    }

    /// <summary>What the outbox leaves behind for a reply (Message-ID reply-1@example.test) the server accepted with 250.</summary>
    private async Task<long> SentReplyAsync(int? sentBy)
    {
        await using var db = _f.Database.NewContext();
        var interaction = db.Interactions.Add(new Interaction { AccountId = _f.Support.Id, Subject = "Your order", CreatedAt = _f.Time.GetUtcNow().UtcDateTime }).Entity;
        await db.SaveChangesAsync();
        var reply = db.Messages.Add(new Message
        {
            InteractionId = interaction.Id,
            AccountId = _f.Support.Id,
            Direction = MessageDirection.Outgoing,
            MessageIdHeader = "reply-1@example.test",
            From = "support@example.test",
            To = "nobody@customer.test",
            Subject = "Re: Your order",
            RawSha256 = "none",
            SentByUserId = sentBy,
        }).Entity;
        await db.SaveChangesAsync();
        db.Outbox.Add(new OutboxItem { MessageId = reply.Id, AccountId = _f.Support.Id, State = OutboxState.Sent });
        await db.SaveChangesAsync();
        return reply.Id;
    }

    private async Task<Actor> MemberAsync(Role role)
    {
        await using var db = _f.Database.NewContext();
        var user = db.Users.Add(new User { Email = $"{role}@example.test".ToLowerInvariant(), DisplayName = role.ToString(), Role = role }).Entity;
        await db.SaveChangesAsync();
        db.AccountMembers.Add(new AccountMember { AccountId = _f.Support.Id, UserId = user.Id });
        await db.SaveChangesAsync();
        return new Actor(user.Id, role);
    }

    private async Task<EmailAccount> LoadAsync(int id)
    {
        await using var db = _f.Database.NewContext();
        return await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id);
    }
}
