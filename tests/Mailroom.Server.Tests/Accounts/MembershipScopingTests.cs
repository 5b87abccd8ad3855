using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Server.Tests.Work;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Accounts;

/// <summary>
/// Customers, users, queues and plans are seen by the members of their accounts only: another account's
/// answers 404, as interactions do, so nobody learns it exists.
/// </summary>
public sealed class MembershipScopingTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task Contacts_AnAgentSeesItsAccountsCustomers_AndAnotherAccountsAreNotFound()
    {
        var (ours, theirs) = (await AccountWithListAsync(), await AccountWithListAsync());
        var (_, agent) = await desk.UserAsync(ours.Id);
        var mine = await ContactAsync(ours.ListId, "ann");
        var hidden = await ContactAsync(theirs.ListId, "bob");
        var wroteToUs = await ContactAsync(theirs.ListId, "cy");
        await WroteToAsync(wroteToUs, ours.Id);

        var found = await Ids(agent, "/api/contacts?take=500");
        Assert.Contains(mine, found);
        Assert.Contains(wroteToUs, found);
        Assert.DoesNotContain(hidden, found);
        Assert.Equal([ours.ListId], await Ids(agent, "/api/contact-lists"));
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/contacts/{hidden}")).StatusCode);
        var edit = new { listId = theirs.ListId, firstName = "Bob", email = "bob-renamed@customer.test" };
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PutAsJsonAsync($"/api/contacts/{hidden}", edit)).StatusCode);
        await WorkDesk.BadRequestNamingAsync(await agent.PostAsJsonAsync("/api/contacts", edit), "listId");
        await WorkDesk.JsonAsync(await agent.PutAsJsonAsync($"/api/contacts/{mine}", edit with { listId = ours.ListId }), HttpStatusCode.OK);
        Assert.Equal("bob", await desk.DbAsync(db => db.Contacts.Where(c => c.Id == hidden).Select(c => c.FirstName).SingleAsync()), ignoreCase: true);
    }

    [Fact]
    public async Task Contacts_ASupervisorDeletesOnlyCustomersWhoWroteToItsOwnAccounts()
    {
        var (ours, theirs) = (await AccountWithListAsync(), await AccountWithListAsync());
        var (_, supervisor) = await desk.UserAsync(ours.Id, "supervisor");
        var hidden = await ContactAsync(theirs.ListId, "dee");
        var shared = await ContactAsync(ours.ListId, "eve");
        await WroteToAsync(shared, theirs.Id);
        var ownOnly = await ContactAsync(ours.ListId, "fay");

        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.DeleteAsync($"/api/contacts/{hidden}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.DeleteAsync($"/api/contacts/{shared}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/contacts/{ownOnly}")).StatusCode);
        Assert.Equal(2, await desk.DbAsync(db => db.Contacts.CountAsync(c => c.Id == hidden || c.Id == shared)));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/contact-lists", new { name = "Mine" })).StatusCode);
    }

    [Fact]
    public async Task Users_ASupervisorReadsItsOwnTeam_AndAnotherAccountsAgentIsNotFound()
    {
        var (ours, theirs) = (await desk.AccountAsync(), await desk.AccountAsync());
        var (supervisorId, supervisor) = await desk.UserAsync(ours.Id, "supervisor");
        var (colleague, _) = await desk.UserAsync(ours.Id);
        var (stranger, _) = await desk.UserAsync(theirs.Id);

        var team = await Ids(supervisor, "/api/users");
        Assert.Contains(colleague, team);
        Assert.Contains(supervisorId, team);
        Assert.DoesNotContain(stranger, team);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/users/{colleague}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/users/{stranger}")).StatusCode);
    }

    [Fact]
    public async Task Queues_AreSeenThroughTheAccountsTheyServe_NamingOnlyTheCallersAccounts()
    {
        var (ours, theirs) = (await desk.AccountAsync(), await desk.AccountAsync());
        var (_, supervisor) = await desk.UserAsync(ours.Id, "supervisor");
        var both = await QueueAsync(ours.Id, theirs.Id);
        var elsewhere = await QueueAsync(theirs.Id);

        var queues = await supervisor.GetFromJsonAsync<JsonElement>("/api/queues");
        var shown = queues.EnumerateArray().Single(q => q.GetProperty("id").GetInt32() == both);
        Assert.Equal([ours.Id], shown.GetProperty("accountIds").EnumerateArray().Select(a => a.GetInt32()));
        Assert.DoesNotContain(elsewhere, queues.EnumerateArray().Select(q => q.GetProperty("id").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/queues/{elsewhere}")).StatusCode);
    }

    [Fact]
    public async Task Plan_IsReadBySupervisorsOfTheAccount_NotByItsAgents()
    {
        var (ours, theirs) = (await desk.AccountAsync(), await desk.AccountAsync());
        var (_, agent) = await desk.UserAsync(ours.Id);
        var (_, supervisor) = await desk.UserAsync(ours.Id, "supervisor");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/accounts/{ours.Id}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/accounts/{ours.Id}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/accounts/{theirs.Id}/plan")).StatusCode);
    }

    private async Task<(int Id, int ListId)> AccountWithListAsync()
    {
        var (account, key) = await desk.AccountAsync();
        var list = await WorkDesk.JsonAsync(await desk.Admin.PostAsJsonAsync("/api/contact-lists", new { name = "Customers of " + key }), HttpStatusCode.Created);
        var listId = list.GetProperty("id").GetInt32();
        await desk.DbAsync(db => db.Accounts.Where(a => a.Id == account).ExecuteUpdateAsync(s => s.SetProperty(a => a.DefaultContactListId, listId)));
        return (account, listId);
    }

    private async Task<int> ContactAsync(int listId, string name)
    {
        var body = new { listId, firstName = name, email = $"{name}-{Guid.NewGuid():N}@customer.test" };
        return (await WorkDesk.JsonAsync(await desk.Admin.PostAsJsonAsync("/api/contacts", body), HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    private async Task WroteToAsync(int contactId, int accountId)
    {
        var interaction = await desk.CustomerWritesAsync(accountId);
        await desk.DbAsync(db => db.Interactions.Where(i => i.Id == interaction).ExecuteUpdateAsync(s => s.SetProperty(i => i.ContactId, contactId)));
    }

    private async Task<int> QueueAsync(params int[] accountIds)
    {
        var body = new { name = "Q" + Guid.NewGuid().ToString("N")[..8], accountIds };
        return (await WorkDesk.JsonAsync(await desk.Admin.PostAsJsonAsync("/api/queues", body), HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    private static async Task<List<int>> Ids(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonElement>(url)).EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToList();
}
