using System.Net;
using System.Net.Sockets;
using Mailroom.Core.Common;
using Mailroom.Core.Mail.Outbound;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Outbound;

/// <summary>The sender's state machine against an SMTP port nobody listens on (connection refused), on a fake clock.</summary>
public sealed class OutboxDeliveryTests
{
    [Fact]
    public async Task RunPass_SmtpUnreachable_RetriesOnTheBackoffScheduleThenFails()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var account = await h.AccountAsync("support@example.test", "SUP", smtpPort: ClosedPort());
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id, new IncomingMailSeed.Customer(), h.Now);
        var queued = await h.Reply().RunAsync(h.Agent, seeded.InteractionId, new ComposeInput { Body = "x" }, CancellationToken.None);
        var start = h.Now;

        Assert.Equal(1, await h.Delivery().RunPassAsync(CancellationToken.None));
        var item = await ItemAsync(h, queued.MessageId);
        Assert.Equal((OutboxState.Queued, 1, start.AddSeconds(5)), (item.State, item.Attempts, item.NextAttemptAt));
        Assert.Contains("refused", item.LastError, StringComparison.OrdinalIgnoreCase);

        // Not due yet: nothing is claimed.
        h.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await h.Delivery().RunPassAsync(CancellationToken.None));

        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await h.Delivery().RunPassAsync(CancellationToken.None));
        item = await ItemAsync(h, queued.MessageId);
        Assert.Equal((OutboxState.Queued, 2, h.Now.AddSeconds(10)), (item.State, item.Attempts, item.NextAttemptAt));

        // Close to the 24 h promise: the next backoff would overshoot it, so the message fails for good.
        h.Time.SetUtcNow(new DateTimeOffset(item.GiveUpAt.AddSeconds(-1), TimeSpan.Zero));
        Assert.Equal(1, await h.Delivery().RunPassAsync(CancellationToken.None));
        item = await ItemAsync(h, queued.MessageId);
        Assert.Equal(OutboxState.Failed, item.State);
        Assert.StartsWith("Gave up after 24 h", item.LastError, StringComparison.Ordinal);
        var types = await h.Db.Events.AsNoTracking().Where(e => e.Type == nameof(OutboundStatusChanged)).CountAsync();
        Assert.Equal(3, types);
    }

    [Fact]
    public async Task ReleaseAbandonedClaims_SendingPastItsLease_IsQueuedAgain_ButNotBefore()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var account = await h.AccountAsync("support@example.test", "SUP", smtpPort: ClosedPort());
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id, new IncomingMailSeed.Customer(), h.Now);
        var queued = await h.Reply().RunAsync(h.Agent, seeded.InteractionId, new ComposeInput { Body = "x" }, CancellationToken.None);
        // What a process that died mid-send leaves behind: claimed, lease running.
        await h.Db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Sending)
            .SetProperty(o => o.NextAttemptAt, h.Now + new OutboundOptions().ClaimLease));

        Assert.Equal(0, await h.Delivery().ReleaseAbandonedClaimsAsync(CancellationToken.None));
        h.Time.Advance(new OutboundOptions().ClaimLease);
        Assert.Equal(1, await h.Delivery().ReleaseAbandonedClaimsAsync(CancellationToken.None));
        Assert.Equal(OutboxState.Queued, (await ItemAsync(h, queued.MessageId)).State);
    }

    [Fact]
    public async Task Retry_FailedMessage_IsQueuedWithAFresh24Hours_AndOnlyFailedOnesMayBeRetried()
    {
        await using var h = await OutboundHarness.CreateAsync();
        var account = await h.AccountAsync("support@example.test", "SUP");
        var seeded = await IncomingMailSeed.CreateAsync(h.Db, h.Blobs, account.Id, new IncomingMailSeed.Customer(), h.Now);
        var queued = await h.Reply().RunAsync(h.Agent, seeded.InteractionId, new ComposeInput { Body = "x" }, CancellationToken.None);
        var retry = new RetryDelivery(h.Db, h.Time, h.Signal);
        await Assert.ThrowsAsync<ConflictException>(() => retry.RunAsync(h.Agent, queued.MessageId, CancellationToken.None));
        await h.Db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Failed).SetProperty(o => o.Attempts, 3)
            .SetProperty(o => o.LastError, "535 5.7.8 Error: authentication failed"));
        h.Db.ChangeTracker.Clear();
        h.Time.Advance(TimeSpan.FromHours(30));

        var view = await retry.RunAsync(h.Agent, queued.MessageId, CancellationToken.None);

        Assert.Equal((OutboxState.Queued, 0, null, h.Now.AddHours(24)), (view.State, view.Attempts, view.LastError, view.GiveUpAt));
    }

    private static async Task<OutboxItem> ItemAsync(OutboundHarness h, long messageId)
    {
        h.Db.ChangeTracker.Clear();
        return await h.Db.Outbox.AsNoTracking().SingleAsync(o => o.MessageId == messageId);
    }

    internal static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
