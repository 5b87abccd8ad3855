using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Work;

public sealed class CannedAnswersApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task Agents_GetGeneralAndTheirAccountsLocalAnswers_MergedInOneList()
    {
        var (account, _) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account);
        var general = await CreateAsync("Greeting", "Hello", null);
        var local = await CreateAsync("Local", "Local hello", account);
        var foreign = await CreateAsync("Foreign", "Other", other);

        var list = (await agent.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/canned-answers")).EnumerateArray().ToList();

        Assert.Contains(list, a => a.GetProperty("id").GetInt32() == general && a.GetProperty("isGeneral").GetBoolean());
        Assert.Contains(list, a => a.GetProperty("id").GetInt32() == local && !a.GetProperty("isGeneral").GetBoolean());
        Assert.DoesNotContain(list, a => a.GetProperty("id").GetInt32() == foreign);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/interactions/{id}/canned-answers/{foreign}/rendered")).StatusCode);
    }

    [Fact]
    public async Task Render_FillsTheVariables_WithTheSameEngineAsSignatures_EscapingHtml()
    {
        var (account, key) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account);
        await desk.DbAsync(async db =>
        {
            var list = await db.ContactLists.FirstOrDefaultAsync() ?? db.ContactLists.Add(new() { Name = "Test" }).Entity;
            var contact = db.Contacts.Add(new() { List = list, Email = $"{Guid.NewGuid():N}@customer.test", FirstName = "Carla", LastName = "<b>Customer</b>" }).Entity;
            await db.SaveChangesAsync();
            (await db.Interactions.FindAsync(id))!.ContactId = contact.Id;
            return await db.SaveChangesAsync();
        });
        var answer = await CreateAsync("Hi", "<p>Dear {{contactName}}, {{agentName}} of {{accountKey}} here about #{{interactionId}}.</p>", account);

        var rendered = await agent.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/canned-answers/{answer}/rendered");

        Assert.Equal($"<p>Dear Carla &lt;b&gt;Customer&lt;/b&gt;, Test agent of {key} here about #{id}.</p>", rendered.GetProperty("body").GetString());
    }

    [Fact]
    public async Task CannedAnswers_OnlyAdministratorsEditThem_AndABadTemplateIs400NamingTheBody()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/canned-answers", new { name = "x", body = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/canned-answers")).StatusCode);
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PostAsJsonAsync("/api/canned-answers", new { name = "x", body = "{{#if contactName}}Dear" }), "body");
        await WorkDesk.BadRequestNamingAsync(await desk.Admin.PostAsJsonAsync("/api/canned-answers", new { name = "", body = "y" }), "name");
        var id = await CreateAsync("Edit me", "v1", null);
        var updated = await WorkDesk.JsonAsync(await desk.Admin.PutAsJsonAsync($"/api/canned-answers/{id}", new { name = "Edited", body = "v2" }), HttpStatusCode.OK);
        Assert.Equal("v2", updated.GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await desk.Admin.DeleteAsync($"/api/canned-answers/{id}")).StatusCode);
    }

    private async Task<int> CreateAsync(string name, string body, int? accountId)
    {
        var created = await WorkDesk.JsonAsync(await desk.Admin.PostAsJsonAsync("/api/canned-answers", new { name, body, accountId }), HttpStatusCode.Created);
        return created.GetProperty("id").GetInt32();
    }
}
