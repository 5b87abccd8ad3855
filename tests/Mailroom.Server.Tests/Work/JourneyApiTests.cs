using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Work;

public sealed class JourneyApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task Journey_ListsEveryInteractionOfTheContact_OpenableOnlyWhereTheAgentHasAccess()
    {
        var (account, key) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var current = await desk.CustomerWritesAsync(account, subject: "Now");
        var earlier = await desk.CustomerWritesAsync(account, subject: "Before");
        var elsewhere = await desk.CustomerWritesAsync(other, subject: "Secret");
        var stranger = await desk.CustomerWritesAsync(account, subject: "Somebody else");
        var contactId = await SameContactAsync(current, earlier, elsewhere);

        var journey = (await agent.GetFromJsonAsync<JsonElement>($"/api/interactions/{current}/journey")).EnumerateArray().ToList();

        Assert.Equal(new[] { current, earlier, elsewhere }.Order(), journey.Select(j => j.GetProperty("id").GetInt64()).Order());
        Assert.DoesNotContain(journey, j => j.GetProperty("id").GetInt64() == stranger);
        var hidden = journey.Single(j => j.GetProperty("id").GetInt64() == elsewhere);
        Assert.False(hidden.GetProperty("canOpen").GetBoolean());
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("subject").ValueKind);
        var mine = journey.Single(j => j.GetProperty("id").GetInt64() == earlier);
        Assert.True(mine.GetProperty("canOpen").GetBoolean());
        Assert.Equal(("Before", key, "email"), (mine.GetProperty("subject").GetString(), mine.GetProperty("accountKey").GetString(), mine.GetProperty("channel").GetString()));
        var context = await agent.GetFromJsonAsync<JsonElement>($"/api/interactions/{current}/context");
        Assert.Equal(contactId, context.GetProperty("contact").GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Journey_FiltersByDate_RefusesAnUnknownChannel_AndIs404OutsideTheAccount()
    {
        var (account, _) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var (_, outsider) = await desk.UserAsync(other);
        var current = await desk.CustomerWritesAsync(account);
        var old = await desk.CustomerWritesAsync(account);
        await SameContactAsync(current, old);
        await desk.DbAsync(async db =>
        {
            (await db.Interactions.FindAsync(old))!.CreatedAt = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            return await db.SaveChangesAsync();
        });

        var recent = (await agent.GetFromJsonAsync<JsonElement>($"/api/interactions/{current}/journey?from=2024-01-01T00:00:00Z&channel=email")).EnumerateArray();

        Assert.Equal([current], recent.Select(j => j.GetProperty("id").GetInt64()));
        await WorkDesk.BadRequestNamingAsync(await agent.GetAsync($"/api/interactions/{current}/journey?channel=sms"), "channel");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/interactions/{current}/journey")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/interactions/{current}/context")).StatusCode);
    }

    private Task<int> SameContactAsync(params long[] ids) => desk.DbAsync(async db =>
    {
        var list = await db.ContactLists.FirstOrDefaultAsync() ?? db.ContactLists.Add(new() { Name = "Journey" }).Entity;
        var contact = db.Contacts.Add(new() { List = list, Email = $"{Guid.NewGuid():N}@customer.test" }).Entity;
        await db.SaveChangesAsync();
        foreach (var id in ids)
        {
            (await db.Interactions.FindAsync(id))!.ContactId = contact.Id;
        }

        await db.SaveChangesAsync();
        return contact.Id;
    });
}
