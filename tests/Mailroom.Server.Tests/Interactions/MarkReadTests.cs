using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Interactions;

public sealed class MarkReadTests : IClassFixture<MarkReadTests.App>
{
    private readonly App _app;

    public MarkReadTests(App app) => _app = app;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new();

        public void Dispose() => Server.Dispose();
    }

    [Fact]
    public async Task Opening_AnUnassignedInteraction_ClearsItsUnreadCount()
    {
        var admin = await _app.Server.AdminClientAsync();
        var id = await Seed.InteractionAsync(_app.Server, await TestAccounts.CreateAsync(admin, "RD"), "Unread");

        var read = await admin.PostAsync($"/api/interactions/{id}/read", null);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, read.StatusCode);
        Assert.Equal(0, UnreadCount(id));
    }

    [Fact]
    public async Task Opening_SomeoneElsesInteraction_LeavesItUnreadForItsOwner()
    {
        var admin = await _app.Server.AdminClientAsync();
        var (ownerId, _) = await _app.Server.CreateUserAsync(admin);
        var id = await Seed.InteractionAsync(_app.Server, await TestAccounts.CreateAsync(admin, "RD"), "Owned");
        using (var scope = _app.Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
            db.Interactions.Single(i => i.Id == id).AssignedUserId = ownerId;
            await db.SaveChangesAsync();
        }

        var read = await admin.PostAsync($"/api/interactions/{id}/read", null);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, read.StatusCode);
        Assert.Equal(1, UnreadCount(id));
    }

    [Fact]
    public async Task AnAgentOutsideTheAccount_GetsNotFound()
    {
        var admin = await _app.Server.AdminClientAsync();
        var (_, outsider) = await _app.Server.CreateUserAsync(admin);
        var id = await Seed.InteractionAsync(_app.Server, await TestAccounts.CreateAsync(admin, "RD"), "Private");

        var read = await outsider.PostAsync($"/api/interactions/{id}/read", null);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(1, UnreadCount(id));
    }

    private int UnreadCount(long id)
    {
        using var scope = _app.Server.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<MailroomDb>().Interactions.Single(i => i.Id == id).UnreadCount;
    }
}
