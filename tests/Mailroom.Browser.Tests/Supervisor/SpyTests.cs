using System.Text;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Supervisor;

/// <summary>Issue 9: a supervisor spies on an agent's work live and leaves a note the agent sees at once.</summary>
public sealed class SpyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Spy_ShowsTheAgentsWorkLive_WithoutMarkingItRead_AndTheNoteReachesTheAgentsDesktop()
    {
        var admin = await session.Server.AdminClientAsync();
        // Active: the live board lists active accounts only.
        var shared = await TestAccounts.CreateAsync(admin, "SPY", active: true);
        var elsewhere = await TestAccounts.CreateAsync(admin, "HID");
        var agentEmail = $"spied{Guid.NewGuid():N}"[..15] + "@example.test";
        var supervisorEmail = $"spy{Guid.NewGuid():N}"[..13] + "@example.test";
        var (agentId, _) = await session.Server.CreateUserAsync(admin, email: agentEmail);
        var (supervisorId, _) = await session.Server.CreateUserAsync(admin, "supervisor", supervisorEmail);
        foreach (var (account, user) in new[] { (shared, agentId), (elsewhere, agentId), (shared, supervisorId) })
        {
            (await admin.PostAsync($"/api/accounts/{account}/members/{user}", null)).EnsureSuccessStatusCode();
        }

        var watched = await SeedAssignedAsync(shared, agentId);
        var hidden = await SeedAssignedAsync(elsewhere, agentId);

        var spy = await session.SignedInPageAsync(supervisorEmail, "agent-password-1");
        await BrowserSession.OpenAsync(spy, "/supervisor");
        await spy.ClickAsync($"section.board[data-account='{shared}'] tr[data-agent='{agentId}'] a.spy");
        await spy.Locator("#ui-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await spy.ClickAsync($"#spy-interactions li[data-id='{watched.InteractionId}']");
        await Assertions.Expect(spy.Locator(".thread-title")).ToContainTextAsync(watched.Subject);
        await Assertions.Expect(spy.Locator($"#spy-interactions li[data-id='{hidden.InteractionId}']")).ToHaveCountAsync(0);
        await Assertions.Expect(spy.Locator("#reply, #send, #close-interaction, .transfer-panel")).ToHaveCountAsync(0);

        await CustomerRepliesAsync(shared, watched.MessageIdHeader, "Any news about my order?");

        await Assertions.Expect(spy.Locator("article.message")).ToHaveCountAsync(2);
        await Assertions.Expect(spy.Locator("article.message").Last).ToContainTextAsync("Any news about my order?");
        await Assertions.Expect(spy.Locator("#spy-unread")).ToHaveTextAsync("2");
        var afterSpying = await DbAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == watched.InteractionId));
        Assert.Equal(2, afterSpying.UnreadCount);
        Assert.False(await DbAsync(db => db.History.AnyAsync(h => h.InteractionId == watched.InteractionId && h.Action == "read")));

        var agent = await session.SignedInPageAsync(agentEmail, "agent-password-1");
        await BrowserSession.OpenAsync(agent, "/desktop");
        await agent.ClickAsync($"#interactions li[data-id='{watched.InteractionId}']");
        await Assertions.Expect(agent.Locator($".work-panel[data-interaction='{watched.InteractionId}'] #notes")).ToBeAttachedAsync();
        // The agent opening it reads it; the spy view follows live.
        await Assertions.Expect(spy.Locator("#spy-unread")).ToHaveTextAsync("0");

        await spy.FillAsync("#note-text", "Offer the express shipping for free");
        await spy.ClickAsync("#add-note");

        await Assertions.Expect(agent.Locator("#notes .note-text")).ToHaveTextAsync("Offer the express shipping for free");
        await Assertions.Expect(spy.Locator("#notes .note-text")).ToHaveTextAsync("Offer the express shipping for free");
        await spy.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "supervisor-spy.png"), FullPage = true });
    }

    [Fact]
    public async Task Spy_ForAnAgent_IsRefused()
    {
        var admin = await session.Server.AdminClientAsync();
        var email = $"nosy{Guid.NewGuid():N}"[..14] + "@example.test";
        var (agentId, _) = await session.Server.CreateUserAsync(admin, email: email);
        var page = await session.SignedInPageAsync(email, "agent-password-1");

        var response = await page.GotoAsync($"/supervisor/agents/{agentId}");

        // The server refuses the role before any page renders (the access-denied path is not found, like a hidden account).
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("#spy-interactions")).ToHaveCountAsync(0);
    }

    private async Task<IncomingMailSeed.Seeded> SeedAssignedAsync(int accountId, int agentId)
    {
        await using var scope = session.Server.Services.CreateAsyncScope();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var customer = new IncomingMailSeed.Customer { Subject = "Order late " + Guid.NewGuid().ToString("N")[..8] };
        return await IncomingMailSeed.CreateAsync(scope.ServiceProvider.GetRequiredService<MailroomDb>(),
            scope.ServiceProvider.GetRequiredService<BlobStore>(), accountId, customer, now, agentId);
    }

    // Through the inbound ingestor, as if the account's watcher had fetched the customer's answer.
    private async Task CustomerRepliesAsync(int accountId, string inReplyTo, string body)
    {
        await using var scope = session.Server.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<MailroomDb>().Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId);
        var raw = $"From: Carla Customer <customer@customer.test>\r\nTo: {account.Address}\r\nSubject: Re: order\r\n"
            + $"Message-ID: <{Guid.NewGuid():N}@customer.test>\r\nIn-Reply-To: <{inReplyTo}>\r\nReferences: <{inReplyTo}>\r\n"
            + $"Date: {TimeProvider.System.GetUtcNow():R}\r\n\r\n{body}\r\n";
        var outcome = await scope.ServiceProvider.GetRequiredService<MessageIngestor>()
            .IngestAsync(account, new MailboxPosition(accountId, "INBOX", 1, 1), Encoding.UTF8.GetBytes(raw), CancellationToken.None);
        Assert.Equal(IngestOutcome.Stored, outcome);
    }

    private async Task<T> DbAsync<T>(Func<MailroomDb, Task<T>> read)
    {
        await using var scope = session.Server.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<MailroomDb>());
    }
}
