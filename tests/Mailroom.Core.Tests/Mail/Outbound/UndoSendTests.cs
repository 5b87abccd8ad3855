using Mailroom.Core.Common;
using Mailroom.Core.Mail.Outbound;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Outbound;

/// <summary>The undo hold on a fake clock; the SMTP port is closed, so a claim is visible without a server.</summary>
public sealed class UndoSendTests
{
    [Fact]
    public async Task Hold_TheSenderClaimsNothingBeforeItsEnd_AndUndoIsRefusedOnceItIsOver()
    {
        await using var h = await OutboundHarness.CreateAsync();
        h.Options.UndoHold = TimeSpan.FromSeconds(10);
        var (queued, start) = await ReplyAsync(h);

        var view = await DeliveryView.GetAsync(h.Db, h.Agent, queued.MessageId, CancellationToken.None);
        Assert.Equal(start.AddSeconds(10), view.UndoUntil);
        h.Time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await h.Delivery().RunPassAsync(CancellationToken.None));

        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await h.Delivery().RunPassAsync(CancellationToken.None));
        h.Db.ChangeTracker.Clear();
        Assert.Null((await DeliveryView.GetAsync(h.Db, h.Agent, queued.MessageId, CancellationToken.None)).UndoUntil);
        await Assert.ThrowsAsync<ConflictException>(() => new UndoSend(h.Db, h.Time).RunAsync(h.Agent, queued.MessageId, CancellationToken.None));
    }

    [Fact]
    public async Task Undo_WithinTheHold_PutsTheTextBackIntoTheDraftWithoutTheSignature_AndNothingIsEverClaimed()
    {
        await using var h = await OutboundHarness.CreateAsync();
        h.Options.UndoHold = TimeSpan.FromSeconds(10);
        var (queued, _) = await ReplyAsync(h, signature: "<p>Kind regards, {{ agentName }}</p>");
        h.Time.Advance(TimeSpan.FromSeconds(9));

        var draft = await new UndoSend(h.Db, h.Time).RunAsync(h.Agent, queued.MessageId, CancellationToken.None);

        Assert.Equal(("reply", "<p>The parcel left today.</p>", true, "Re: Where is my parcel?"), (draft.Mode, draft.Body, draft.IsHtml, draft.Subject));
        Assert.Contains("<customer@customer.test>", draft.To, StringComparison.Ordinal);
        h.Db.ChangeTracker.Clear();
        Assert.False(await h.Db.Messages.AnyAsync(m => m.Id == queued.MessageId));
        var interaction = await h.Db.Interactions.AsNoTracking().SingleAsync(i => i.Id == queued.InteractionId);
        Assert.Null(interaction.FirstResponseAt);
        Assert.Equal(Core.Interactions.MessageDirection.Incoming, interaction.LastMessageDirection);
        Assert.Contains(await h.Db.History.AsNoTracking().Where(e => e.InteractionId == queued.InteractionId).Select(e => e.Action).ToListAsync(), a => a == "undo-send");
        h.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await h.Delivery().RunPassAsync(CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => new UndoSend(h.Db, h.Time).RunAsync(h.Agent, queued.MessageId, CancellationToken.None));
    }

    private static async Task<(QueuedMessage Queued, DateTime Start)> ReplyAsync(OutboundHarness h, string? signature = null)
    {
        var account = await h.AccountAsync("support@example.test", "SUP", smtpPort: OutboxDeliveryTests.ClosedPort(), signature: signature);
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id, new IncomingMailSeed.Customer { Subject = "Where is my parcel?" }, h.Now);
        var start = h.Now;
        var queued = await h.Reply().RunAsync(h.Agent, seeded.InteractionId, new ComposeInput { Body = "<p>The parcel left today.</p>" }, CancellationToken.None);
        return (queued, start);
    }
}
