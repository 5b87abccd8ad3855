using System.Net.Http.Json;

namespace Mailroom.Server.Tests.Work;

/// <summary>An answer once went to 5,000 addresses; to, cc and bcc together are now limited.</summary>
public sealed class RecipientLimitTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task Reply_ToMoreThanAHundredRecipients_Answers400NamingTo()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, agentId);
        var many = Enumerable.Range(0, 101).Select(i => $"person{i}@customer.test").ToArray();

        await WorkDesk.BadRequestNamingAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/reply", new { body = "Hello", cc = many }), "to");
    }
}
