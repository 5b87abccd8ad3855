using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.SingleSignOn;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.SingleSignOn;

/// <summary>
/// A staff sign-in through the identity provider: the person is created at their first sign-in, and at every one
/// their role and accounts follow their groups as an administrator mapped them; no mapped group, no entry.
/// </summary>
public abstract class SsoSignInTests(DatabaseProvider provider)
{
    private static readonly Actor Admin = new(1, Role.Admin);

    [Fact]
    public async Task FirstSignIn_CreatesThePerson_WithTheHighestRoleOfTheirGroups_AndEveryAccountOfThem()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var sales = await AddAccountAsync(h, "SAL");
        await MapAsync(h, new("Support agents", Role.Agent, [h.AccountId]), new("Sales leads", Role.Supervisor, [sales]), new("IT", Role.Admin, []));

        var outcome = await SignInAsync(h, new SsoIdentity("Ann.Smith@Company.test", "Ann Smith", ["Support agents", "sales leads", "Everyone"]));

        var user = Assert.IsType<User>(outcome.User);
        Assert.Null(outcome.Refusal);
        Assert.Equal(("ann.smith@company.test", "Ann Smith", Role.Supervisor, true, ""), (user.Email, user.DisplayName, user.Role, user.IsActive, user.PasswordHash));
        Assert.Equal([h.AccountId, sales], await AccountsOfAsync(h, user.Id));
        await using var db = h.Database.NewContext();
        var entry = await db.AuditEntries.OrderBy(e => e.Id).LastAsync();
        Assert.Equal(("user created by single sign-on", "user ann.smith@company.test"), (entry.Action, entry.Target));
        Assert.Contains("groups Sales leads, Support agents", entry.Details, StringComparison.Ordinal);
        Assert.Contains("accounts +SUP, +SAL", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaterSignIn_FollowsTheGroupsNow_AndWhatShrinksClosesTheirOpenPages()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        var sales = await AddAccountAsync(h, "SAL");
        await MapAsync(h, new("Support", Role.Agent, [h.AccountId]), new("Sales", Role.Supervisor, [sales]));
        var first = (await SignInAsync(h, new SsoIdentity("bob@company.test", "Bob", ["Support", "Sales"]))).User!;

        var again = (await SignInAsync(h, new SsoIdentity("bob@company.test", "Robert", ["Support"]))).User!;

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(Role.Agent, again.Role);
        Assert.Equal("Bob", again.DisplayName);
        Assert.Equal([h.AccountId], await AccountsOfAsync(h, again.Id));
        Assert.True(again.AccessVersion > first.AccessVersion, "losing an account and a role must close the pages opened with them");
        await using var db = h.Database.NewContext();
        var entry = await db.AuditEntries.OrderBy(e => e.Id).LastAsync();
        Assert.Equal(("signed in", again.Id), (entry.Action, entry.ActorUserId));
        Assert.Contains("role supervisor → agent; accounts −SAL", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoMappedGroup_NoEmail_OrDeactivated_IsRefused_AndAudited_WithoutCreatingAnyone()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        await MapAsync(h, new SsoGroupMappingInput("Support", Role.Agent, [h.AccountId]));
        var carol = (await SignInAsync(h, new SsoIdentity("carol@company.test", "Carol", ["Support"]))).User!;
        await using (var db = h.Database.NewContext())
        {
            await db.Users.Where(u => u.Id == carol.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        }

        Assert.Equal(SsoRefusal.NoMappedGroup, (await SignInAsync(h, new SsoIdentity("dan@company.test", "Dan", ["Marketing"]))).Refusal);
        Assert.Equal(SsoRefusal.NoEmail, (await SignInAsync(h, new SsoIdentity(null, "Eve", ["Support"]))).Refusal);
        Assert.Equal(SsoRefusal.Deactivated, (await SignInAsync(h, new SsoIdentity("carol@company.test", "Carol", ["Support"]))).Refusal);

        await using var after = h.Database.NewContext();
        Assert.Equal(["carol@company.test"], await after.Users.Where(u => u.Email.EndsWith("@company.test")).Select(u => u.Email).ToListAsync());
        Assert.False((await after.Users.SingleAsync(u => u.Id == carol.Id)).IsActive);
        var refusals = await after.AuditEntries.Where(e => e.Action == "sign-in refused").OrderBy(e => e.Id).Select(e => e.Details).ToListAsync();
        Assert.Equal(["single sign-on: in no mapped group (groups Marketing)", "single sign-on: the provider sent no email address", "single sign-on: deactivated"], refusals);
    }

    [Fact]
    public async Task Mappings_AreSavedWhole_ValidatedPerRow_AndOnlyByAdministrators()
    {
        await using var h = await RoutingHarness.CreateAsync(provider);
        await MapAsync(h, new SsoGroupMappingInput("Support", Role.Agent, [h.AccountId]));

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => h.RunAsync<SsoGroupMappings, IReadOnlyList<SsoGroupMappingView>>(m =>
            m.ReplaceAsync(Admin, [new("Support", Role.Agent, []), new("support", Role.Admin, [999]), new(" ", (Role)7, null)], default)));
        Assert.Equal(["groups[1].accountIds", "groups[1].group", "groups[2].group", "groups[2].role"], bad.Errors.Keys.Order());
        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<SsoGroupMappings, IReadOnlyList<SsoGroupMappingView>>(m =>
            m.ReplaceAsync(new Actor(1, Role.Supervisor), [], default)));

        // Renamed in case only, given another role: the same row, changed in place.
        var saved = await MapAsync(h, new("SUPPORT", Role.Supervisor, [h.AccountId]), new("IT", Role.Admin, []));

        Assert.Equal([("IT", Role.Admin), ("SUPPORT", Role.Supervisor)], saved.Select(s => (s.Group, s.Role)));
        await using var db = h.Database.NewContext();
        Assert.Contains("Support: agent, accounts SUP → IT: admin, accounts none; SUPPORT: supervisor, accounts SUP",
            (await db.AuditEntries.OrderBy(e => e.Id).LastAsync()).Details, StringComparison.Ordinal);
    }

    private static Task<SsoOutcome> SignInAsync(RoutingHarness h, SsoIdentity identity) =>
        h.RunAsync<SsoSignIn, SsoOutcome>(s => s.SignInAsync(identity, "127.0.0.1", default));

    private static Task<IReadOnlyList<SsoGroupMappingView>> MapAsync(RoutingHarness h, params SsoGroupMappingInput[] rows) =>
        h.RunAsync<SsoGroupMappings, IReadOnlyList<SsoGroupMappingView>>(m => m.ReplaceAsync(Admin, rows, default));

    private static async Task<int> AddAccountAsync(RoutingHarness h, string key)
    {
        await using var db = h.Database.NewContext();
        var account = new EmailAccount { Name = key, Key = key, Address = key.ToLowerInvariant() + "@example.test" };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    private static async Task<List<int>> AccountsOfAsync(RoutingHarness h, int userId)
    {
        await using var db = h.Database.NewContext();
        return await db.AccountMembers.Where(m => m.UserId == userId).Select(m => m.AccountId).OrderBy(a => a).ToListAsync();
    }

    public sealed class OnSqlite() : SsoSignInTests(DatabaseProvider.Sqlite);

    [NeedsServer(NeedsServerAttribute.PostgreSql)]
    public sealed class OnPostgres() : SsoSignInTests(DatabaseProvider.Postgres);
}
