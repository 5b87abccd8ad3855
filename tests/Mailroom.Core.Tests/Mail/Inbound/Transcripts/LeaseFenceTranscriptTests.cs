using Mailroom.Core.Tests.Mail.Replay;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

public sealed class LeaseFenceTranscriptTests
{
    [Fact]
    public async Task Fetch_AfterAnotherNodeTookTheLease_StoresNothing_AndTheWatcherEndsWithoutReconnecting()
    {
        await using var h = await WatcherHarness.CreateAsync();
        // Another node took the account while this one stalled: the epoch moved past the one it runs under.
        await using (var db = h.Database.NewContext())
        {
            await db.MailboxLeases.Where(l => l.AccountId == h.Account.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Epoch, 2).SetProperty(l => l.Node, "other"));
        }

        var order = HeldMessage.Mail(1, 1, "Order");
        var session = h.Queue(new ImapScript().GreetsAndSendsTheOnlyMessage(order));

        h.Start();
        await h.ReplayedAsync(session);
        await h.Run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(await h.StoredAsync());
        await using var check = h.Database.NewContext();
        Assert.False(await check.Checkpoints.AnyAsync());
        Assert.Single(h.Server.Connected);
    }

    [Fact]
    public async Task Fetch_UnderTheCurrentEpoch_StoresAndRenewsTheLease()
    {
        await using var h = await WatcherHarness.CreateAsync();
        var order = HeldMessage.Mail(1, 1, "Order");
        var session = h.Queue(new ImapScript().GreetsAndSendsTheOnlyMessage(order)
            .Idles());

        h.Start();
        await h.ReplayedAsync(session);

        Assert.Equal([(7, 1, "order@customer.test")], await h.StoredAsync());
        await using var check = h.Database.NewContext();
        var lease = await check.MailboxLeases.SingleAsync();
        Assert.Equal((1L, "test"), (lease.Epoch, lease.Node));
        Assert.NotEqual(default, lease.HeartbeatAt);
    }
}
