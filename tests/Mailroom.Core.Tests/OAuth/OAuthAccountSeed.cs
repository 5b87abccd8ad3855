using Mailroom.Core.Accounts;
using Mailroom.Core.OAuth;
using Mailroom.Core.Security;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.OAuth;

/// <summary>A Microsoft 365 app registration and one account signed in with it, holding the refresh token "first-refresh".</summary>
internal static class OAuthAccountSeed
{
    public static async Task<int> AddAsync(TestDatabase database, SecretProtector secrets)
    {
        await using var db = database.NewContext();
        var app = new OAuthApp { Name = "Contoso", ClientId = "client-1", Profile = OAuthProfile.Microsoft365, ClientSecretCipher = secrets.Protect("s3cret") };
        db.OAuthApps.Add(app);
        await db.SaveChangesAsync();
        var account = new EmailAccount { Name = "Support", Key = "SUP", Address = "support@contoso.test", AuthMethod = MailAuthMethod.OAuth, OAuthAppId = app.Id };
        account.OAuth.RefreshTokenCipher = secrets.Protect("first-refresh");
        account.OAuth.State = GrantState.Active;
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    public static async Task<OAuthGrant> GrantAsync(TestDatabase database, int accountId)
    {
        await using var db = database.NewContext();
        return (await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId)).OAuth;
    }
}
