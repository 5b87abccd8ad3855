using Mailroom.Core.Common;
using Mailroom.Core.Mail.Outbound;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Outbound;

/// <summary>Scheduled send on a fake clock: nothing is claimed before the chosen minute, Cancel puts it back into the draft.</summary>
public sealed class ScheduledSendTests
{
    [Fact]
    public async Task Scheduled_NothingIsClaimedBeforeItsMinute_ThenItLeavesDatedThen()
    {
        await using var h = await OutboundHarness.CreateAsync();
        h.Options.UndoHold = TimeSpan.FromSeconds(10);
        var at = h.Now.AddHours(15);
        var queued = await ReplyAsync(h, at);

        var view = await DeliveryView.GetAsync(h.Db, h.Agent, queued.MessageId, CancellationToken.None);
        Assert.Equal((at, at), (view.ScheduledFor, view.UndoUntil));
        h.Time.Advance(TimeSpan.FromHours(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await h.Delivery().RunPassAsync(CancellationToken.None));

        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await h.Delivery().RunPassAsync(CancellationToken.None));
        Assert.Equal(new DateTimeOffset(at, TimeSpan.Zero), (await h.RawAsync(queued.MessageId)).Date);
        h.Db.ChangeTracker.Clear();
        Assert.Equal(at, (await h.Db.Interactions.AsNoTracking().SingleAsync(i => i.Id == queued.InteractionId)).FirstResponseAt);
        Assert.Contains(await h.Db.History.AsNoTracking().Where(e => e.InteractionId == queued.InteractionId).Select(e => e.Details).ToListAsync(),
            d => d != null && d.EndsWith($"scheduled for {at:yyyy-MM-dd HH:mm} UTC", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_BeforeItsTime_PutsTheTextBackIntoTheDraft_AndNothingLeaves()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var queued = await ReplyAsync(h, h.Now.AddDays(1));
        h.Time.Advance(TimeSpan.FromHours(23));

        var draft = await new UndoSend(h.Db, h.Time).RunAsync(h.Agent, queued.MessageId, CancellationToken.None);

        Assert.Equal("<p>The parcel leaves tomorrow.</p>", draft.Body);
        h.Db.ChangeTracker.Clear();
        Assert.Null((await h.Db.Interactions.AsNoTracking().SingleAsync(i => i.Id == queued.InteractionId)).FirstResponseAt);
        h.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await h.Delivery().RunPassAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(30)]
    [InlineData(366 * 24 * 3600)]
    public async Task Schedule_TooSoonInThePastOrBeyondAYear_NamesSendAt(int secondsAhead)
    {
        await using var h = await OutboundHarness.CreateAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => ReplyAsync(h, h.Now.AddSeconds(secondsAhead)));

        Assert.Contains("sendAt", error.Errors.Keys);
        Assert.False(await h.Db.Outbox.AnyAsync());
    }

    private static async Task<QueuedMessage> ReplyAsync(OutboundHarness h, DateTime sendAt)
    {
        var account = await h.AccountAsync("support@example.test", "SUP", smtpPort: OutboxDeliveryTests.ClosedPort());
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id, new IncomingMailSeed.Customer { Subject = "Where is my parcel?" }, h.Now);
        return await h.Reply().RunAsync(h.Agent, seeded.InteractionId,
            new ComposeInput { Body = "<p>The parcel leaves tomorrow.</p>", SendAt = sendAt }, CancellationToken.None);
    }
}
