using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Server.Tests.Work;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Accounts;

/// <summary>Erasing a customer through the API: administrators only, and afterwards nothing of them answers.</summary>
public sealed class CustomerErasureApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task Erase_ByTheAccountsSupervisor_IsForbidden_ByAnAdministrator_LeavesNothingOfTheCustomer()
    {
        var (account, key) = await desk.AccountAsync();
        var (_, supervisor) = await desk.UserAsync(account, "supervisor");
        var list = (await WorkDesk.JsonAsync(await desk.Admin.PostAsJsonAsync("/api/contact-lists", new { name = "Customers of " + key }), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var email = $"erase-{Guid.NewGuid():N}@customer.test";
        var contact = (await WorkDesk.JsonAsync(await desk.Admin.PostAsJsonAsync("/api/contacts", new { listId = list, firstName = "Ann", email }), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var interaction = await desk.CustomerWritesAsync(account);
        await desk.DbAsync(db => db.Interactions.Where(i => i.Id == interaction).ExecuteUpdateAsync(s => s.SetProperty(i => i.ContactId, contact)));

        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"/api/contacts/{contact}/erase", null)).StatusCode);
        var erased = await WorkDesk.JsonAsync(await desk.Admin.PostAsync($"/api/contacts/{contact}/erase", null), HttpStatusCode.OK);

        Assert.Equal((1, 1, 0), (erased.GetProperty("contacts").GetInt32(), erased.GetProperty("interactions").GetInt32(), erased.GetProperty("heldMails").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Admin.GetAsync($"/api/interactions/{interaction}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Admin.GetAsync($"/api/contacts/{contact}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Admin.PostAsync($"/api/contacts/{contact}/erase", null)).StatusCode);
        var audit = await desk.Admin.GetFromJsonAsync<JsonElement>("/api/audit?q=customer%20erased");
        Assert.Equal($"contact {contact}", Assert.Single(audit.EnumerateArray()).GetProperty("target").GetString());
    }
}
