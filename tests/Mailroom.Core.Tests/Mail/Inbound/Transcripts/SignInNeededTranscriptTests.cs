using Mailroom.Core.Accounts;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.OAuth;
using Mailroom.Core.Tests.Mail.Replay;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Inbound.Transcripts;

public sealed class SignInNeededTranscriptTests
{
    [Fact]
    public async Task Connect_WhenTheGrantWasRefused_ShowsSignInNeededAndSendsNoCredentials()
    {
        await using var h = await WatcherHarness.CreateAsync();
        await using (var db = h.Database.NewContext())
        {
            var app = new OAuthApp { Name = "Contoso", ClientId = "c", Profile = OAuthProfile.Microsoft365 };
            db.OAuthApps.Add(app);
            await db.SaveChangesAsync();
            var account = await db.Accounts.SingleAsync(a => a.Id == h.Account.Id);
            account.AuthMethod = h.Account.AuthMethod = MailAuthMethod.OAuth;
            account.OAuthAppId = h.Account.OAuthAppId = app.Id;
            account.Imap.Authentication = h.Account.Imap.Authentication = true;
            account.OAuth.State = GrantState.SignInNeeded;
            account.OAuth.Problem = "invalid_grant: AADSTS70008: The refresh token has expired due to inactivity.";
            await db.SaveChangesAsync();
        }

        var session = h.Queue(new ImapScript().Greets("IMAP4rev1 IDLE AUTH=XOAUTH2"));
        h.Start();
        await h.ReplayedAsync(session);

        var status = await WaitForAsync(h, WatcherState.SignInNeeded);
        Assert.Contains("AADSTS70008", status.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Sent, line => line.Contains("AUTHENTICATE", StringComparison.Ordinal));
    }

    private static async Task<WatcherStatus> WaitForAsync(WatcherHarness h, WatcherState state)
    {
        for (var i = 0; i < 100 && h.Statuses.Get(h.Account.Id).State != state; i++)
        {
            await Task.Delay(50);
        }

        var status = h.Statuses.Get(h.Account.Id);
        Assert.Equal(state, status.State);
        return status;
    }
}
