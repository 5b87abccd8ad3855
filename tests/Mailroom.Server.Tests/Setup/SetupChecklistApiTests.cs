using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.Setup;

/// <summary>Issue 14 item 4: the administrator's start page says, in words, what keeps mail from reaching an agent.</summary>
public sealed class SetupChecklistApiTests
{
    private static async Task<List<JsonElement>> ChecklistAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/setup/checklist")).EnumerateArray().ToList();

    private static JsonElement Item(List<JsonElement> items, string title) =>
        items.Single(i => i.GetProperty("title").GetString() == title);

    private static bool Done(List<JsonElement> items, string title) => Item(items, title).GetProperty("done").GetBoolean();

    private static string Problem(List<JsonElement> items, string title) => Item(items, title).GetProperty("problem").GetString() ?? "";

    [Fact]
    public async Task FreshInstall_ListsEveryStepAsMissing()
    {
        using var app = new MailroomApp();
        var admin = await app.AdminClientAsync();

        var items = await ChecklistAsync(admin);

        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.False(i.GetProperty("done").GetBoolean()));
        Assert.Contains("No email account yet", Problem(items, "Connect an email account"), StringComparison.Ordinal);
        Assert.Contains("No queue yet", Problem(items, "Create a queue"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checklist_NamesTheAccountNobodyWorks_AndTheQueueMemberWhoCannotSeeAnAccount_UntilFixed()
    {
        using var app = new MailroomApp();
        var admin = await app.AdminClientAsync();
        var (agentId, _) = await app.CreateUserAsync(admin);
        var seen = await TestAccounts.CreateAsync(admin, "SEE");
        var unseen = await TestAccounts.CreateAsync(admin, "UNS");
        (await admin.PostAsync($"/api/accounts/{seen}/members/{agentId}", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/queues", new
        {
            name = "Front",
            strategy = "ringAll",
            members = new[] { new { userId = agentId } },
            accountIds = new[] { seen, unseen },
        }, MailroomApp.Json)).EnsureSuccessStatusCode();
        // Only active accounts receive mail, so only they need agents.
        var activeName = (await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{unseen}")).GetProperty("name").GetString()!;

        var items = await ChecklistAsync(admin);

        Assert.True(Done(items, "Connect an email account"));
        Assert.True(Done(items, "Create a queue"));
        Assert.False(Done(items, "Queue members can see the queue's accounts"));
        Assert.Contains($"Test agent is in queue Front but not a member of {activeName}", Problem(items, "Queue members can see the queue's accounts"), StringComparison.Ordinal);

        (await admin.PostAsync($"/api/accounts/{unseen}/members/{agentId}", null)).EnsureSuccessStatusCode();
        items = await ChecklistAsync(admin);
        Assert.True(Done(items, "Queue members can see the queue's accounts"));
        Assert.True(Done(items, "Add agents to every account"));
    }

    [Fact]
    public async Task ActiveAccountWithoutAgents_AndAMailboxThatCannotBeRead_AreNamed()
    {
        using var app = new MailroomApp();
        var admin = await app.AdminClientAsync();
        // Port 1 on loopback refuses the connection: the watcher fails and keeps retrying.
        var id = await TestAccounts.CreateAsync(admin, "DWN", active: true);
        var name = (await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}")).GetProperty("name").GetString()!;

        var items = await ChecklistAsync(admin);
        for (var i = 0; i < 100 && Done(items, "Every mailbox is being read"); i++)
        {
            await Task.Delay(100);
            items = await ChecklistAsync(admin);
        }

        Assert.Contains($"No agent is a member of {name}", Problem(items, "Add agents to every account"), StringComparison.Ordinal);
        Assert.StartsWith($"Cannot read {name} (", Problem(items, "Every mailbox is being read"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checklist_IsForAdministratorsOnly()
    {
        using var app = new MailroomApp();
        var admin = await app.AdminClientAsync();
        var (_, agent) = await app.CreateUserAsync(admin);
        var (_, supervisor) = await app.CreateUserAsync(admin, "supervisor");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/setup/checklist")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/setup/checklist")).StatusCode);
    }
}
