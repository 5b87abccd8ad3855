using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Tests.Mail.Replay;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

public sealed class SilenceTranscriptTests
{
    [Fact]
    public async Task Idle_ServerGoesSilentWithoutClosing_IsDroppedAfterTheSilenceLimit_ReportedAndReconnected()
    {
        await using var h = await WatcherHarness.CreateAsync();
        var (order, invoice) = (HeldMessage.Mail(1, 1, "Order"), HeldMessage.Mail(2, 2, "Invoice"));
        // After "+ idling" the script has nothing more to say and never hangs up: a link a NAT forgot.
        var silent = h.Queue(new ImapScript().GreetsAndSendsTheOnlyMessage(order)
            .Idles());
        var next = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 2, uidValidity: 7)
            .ListsSizes(2, invoice)
            .SendsBodies("2", invoice)
            .Idles());
        var limit = TimeSpan.FromSeconds(h.Options.Inbound.SilenceLimitSeconds);

        h.Start();
        await h.ReplayedAsync(silent);
        var waited = await SilenceNoticedAfterAsync(h);

        Assert.InRange(waited, limit - TimeSpan.FromSeconds(1), limit * 1.25 + TimeSpan.FromSeconds(1));
        var status = h.Statuses.Get(h.Account.Id);
        Assert.Equal(WatcherState.Reconnecting, status.State);
        Assert.Contains($"silent for {limit.TotalSeconds:0} s", status.LastError);
        await h.Clock.SkipNextWaitAsync();
        await h.ReplayedAsync(next);
        Assert.Equal([(7, 1, "order@customer.test"), (7, 2, "invoice@customer.test")], await h.StoredAsync());
    }

    [Fact]
    public async Task Idle_ServerSaysStillHereEveryMinute_KeepsTheSessionForLongerThanTheSilenceLimit()
    {
        await using var h = await WatcherHarness.CreateAsync();
        var session = h.Queue(new ImapScript()
            .Greets()
            .Examines(exists: 0, uidValidity: 7)
            .ListsSizes(1)
            .Idles());
        h.Start();
        await h.ReplayedAsync(session);

        // Ten minutes of Dovecot's keepalive, far past the limit in total but never silent that long at once.
        for (var minute = 0; minute < 10; minute++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(1));
            session.ServerSaysLater("* OK Still here");
            await ReadAsync(session);
        }

        Assert.Equal(WatcherState.Idle, h.Statuses.Get(h.Account.Id).State);
        Assert.Single(h.Server.Connected);
    }

    [Fact]
    public async Task Fetch_CommitWaitsLongerThanTheSilenceLimit_KeepsTheSessionAndStoresTheMail()
    {
        await using var h = await WatcherHarness.CreateAsync();
        var order = HeldMessage.Mail(1, 1, "Order");
        var session = h.Queue(new ImapScript().GreetsAndSendsTheOnlyMessage(order)
            .Idles());
        var limit = TimeSpan.FromSeconds(h.Options.Inbound.SilenceLimitSeconds);
        h.Commits.Hold();

        h.Start();
        await h.Commits.Waiting.WaitAsync(TimeSpan.FromSeconds(10));
        // A writer busy for three limits (SQLite under load): the server owes no answer while nothing is asked.
        for (var waited = TimeSpan.Zero; waited < limit * 3; waited += TimeSpan.FromSeconds(1))
        {
            h.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2);
        }

        Assert.NotEqual(WatcherState.Reconnecting, h.Statuses.Get(h.Account.Id).State);
        h.Commits.Release();
        await h.ReplayedAsync(session);
        Assert.Single(h.Server.Connected);
        Assert.Equal([(7, 1, "order@customer.test")], await h.StoredAsync());
    }

    private static async Task ReadAsync(ReplayStream session)
    {
        for (var i = 0; i < 400 && !session.AllRead; i++)
        {
            await Task.Delay(5);
        }
    }

    /// <summary>Moves the fake clock in small steps until the watcher reports the loss; returns how long that took.</summary>
    private static async Task<TimeSpan> SilenceNoticedAfterAsync(WatcherHarness h)
    {
        var step = TimeSpan.FromSeconds(1);
        var waited = TimeSpan.Zero;
        while (h.Statuses.Get(h.Account.Id).State != WatcherState.Reconnecting && waited < TimeSpan.FromMinutes(10))
        {
            h.Clock.Advance(step);
            waited += step;
            await Task.Delay(5);
        }

        return waited;
    }
}
