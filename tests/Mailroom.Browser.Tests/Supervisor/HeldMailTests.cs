using System.Text;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Held;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Supervisor;

/// <summary>Issue 17: the Held view of a supervisor (release, block sender), and a bounce as the sending agent sees it.</summary>
public sealed class HeldMailTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    private long _uid;

    [Fact]
    public async Task HeldView_ASupervisorReleasesAnAutoReply_IntoRouting_AndBlocksASpammer_WhoseNextMailIsHeldAsBlocked()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "HLD");
        var email = $"held{Guid.NewGuid():N}"[..14] + "@example.test";
        var (supervisorId, _) = await session.Server.CreateUserAsync(admin, "supervisor", email);
        (await admin.PostAsync($"/api/accounts/{account}/members/{supervisorId}", null)).EnsureSuccessStatusCode();
        var marker = Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(IngestOutcome.Held, await IngestAsync(account, "olivia@customer.test", $"Out of Office: Re: order {marker}", "Auto-Submitted: auto-replied\r\n"));
        Assert.Equal(IngestOutcome.Held, await IngestAsync(account, "deals@junk.test", $"Cheap watches {marker}", "X-Spam-Flag: YES\r\n"));

        var page = await session.SignedInPageAsync(email, "agent-password-1");
        await BrowserSession.OpenAsync(page, "/supervisor/held");
        await page.SelectOptionAsync("#held-account", account.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var auto = page.Locator("#held-list tr", new() { HasText = "olivia@customer.test" });
        var spam = page.Locator("#held-list tr", new() { HasText = "deals@junk.test" });
        await Assertions.Expect(auto).ToContainTextAsync("Automatic mail");
        await Assertions.Expect(auto).ToContainTextAsync("Auto-Submitted: auto-replied");
        await Assertions.Expect(spam).ToContainTextAsync("Spam verdict");
        await Assertions.Expect(spam).ToContainTextAsync($"Cheap watches {marker}");

        await auto.Locator("button.release").ClickAsync();

        await Assertions.Expect(page.Locator("#held-done")).ToContainTextAsync("Released");
        await Assertions.Expect(auto).ToHaveCountAsync(0);
        var released = await DbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.AccountId == account && m.Subject.Contains(marker)));
        var interaction = await DbAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == released.InteractionId));
        Assert.Equal(InteractionStatus.Open, interaction.Status);
        Assert.True(await DbAsync(db => db.Events.AnyAsync(e => e.Type == "InteractionCreated" && e.InteractionId == interaction.Id)));

        await spam.Locator("button.block").ClickAsync();

        await Assertions.Expect(page.Locator("#held-done")).ToContainTextAsync("deals@junk.test is blocked");
        await Assertions.Expect(spam.Locator(".badge")).ToHaveTextAsync("blocked");
        var rule = await DbAsync(db => db.SenderRules.AsNoTracking().SingleAsync(r => r.AccountId == account));
        Assert.Equal(("deals@junk.test", SenderRuleKind.Block), (rule.Sender, rule.Kind));
        Assert.Equal(IngestOutcome.Held, await IngestAsync(account, "deals@junk.test", $"Still cheap {marker}", ""));
        Assert.Equal(HoldReason.Blocked, (await DbAsync(db => db.HeldMails.AsNoTracking().SingleAsync(h => h.Subject == $"Still cheap {marker}"))).Reason);
        await page.ReloadAsync();
        await page.Locator("#ui-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#held-account", account.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#held-list tr", new() { HasText = $"Still cheap {marker}" })).ToContainTextAsync("Blocked sender");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "held-view.png"), FullPage = true });
    }

    [Fact]
    public async Task HeldView_ForAnAgent_IsRefused()
    {
        var admin = await session.Server.AdminClientAsync();
        var email = $"agent{Guid.NewGuid():N}"[..15] + "@example.test";
        await session.Server.CreateUserAsync(admin, email: email);
        var page = await session.SignedInPageAsync(email, "agent-password-1");

        var response = await page.GotoAsync("/supervisor/held");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("#held-list")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Bounce_TheSendingAgentIsToldLive_TheMessageShowsBouncedWithTheCode_AndTheContactIsUndeliverable()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "BNC");
        var email = $"bnc{Guid.NewGuid():N}"[..13] + "@example.test";
        var (agentId, _) = await session.Server.CreateUserAsync(admin, email: email);
        (await admin.PostAsync($"/api/accounts/{account}/members/{agentId}", null)).EnsureSuccessStatusCode();
        var customer = $"gone{Guid.NewGuid():N}"[..12] + "@customer.test";
        var seeded = await SeedAsync(account, agentId, customer);
        var replyId = $"{Guid.NewGuid():N}@example.test";
        await DbAsync(async db =>
        {
            var reply = db.Messages.Add(new Message
            {
                InteractionId = seeded.InteractionId,
                AccountId = account,
                Direction = MessageDirection.Outgoing,
                MessageIdHeader = replyId,
                From = "support@example.test",
                To = customer,
                Subject = "Re: " + seeded.Subject,
                TextBody = "Your parcel left today.",
                RawSha256 = "none",
                SentByUserId = agentId,
                CreatedAt = Now,
            }).Entity;
            await db.SaveChangesAsync();
            db.Outbox.Add(new OutboxItem { MessageId = reply.Id, AccountId = account, State = OutboxState.Sent, SentAt = Now, CreatedAt = Now });
            return await db.SaveChangesAsync();
        });

        var page = await session.SignedInPageAsync(email, "agent-password-1");
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{seeded.InteractionId}']");
        await Assertions.Expect(page.Locator("p.delivery.sent")).ToBeVisibleAsync();
        // An agent never blocks senders.
        await Assertions.Expect(page.Locator("button.block-sender")).ToHaveCountAsync(0);

        Assert.Equal(IngestOutcome.Held, await IngestRawAsync(account, Dsn(customer, replyId)));

        await Assertions.Expect(page.Locator("#bounce-toast")).ToContainTextAsync($"to {customer} bounced: failed {customer} 5.1.1");
        await Assertions.Expect(page.Locator("p.delivery.bounced")).ToContainTextAsync("Bounced: failed " + customer + " 5.1.1 smtp; 550 5.1.1");
        await Assertions.Expect(page.Locator("#contact-undeliverable")).ToContainTextAsync($"Mail to {customer} bounced");
        Assert.Equal(1, await DbAsync(db => db.Interactions.CountAsync(i => i.AccountId == account)));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "bounce-toast.png"), FullPage = true });
    }

    private static string Dsn(string recipient, string originalMessageId) =>
        "From: MAILER-DAEMON@mail.example.test (Mail Delivery System)\r\nTo: support@example.test\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        + $"Date: {Now:R}\r\nMessage-ID: <{Guid.NewGuid():N}@mail.example.test>\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        + "--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mail.example.test\r\n\r\n"
        + $"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <{recipient}>: User unknown\r\n\r\n"
        + $"--b1\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: support@example.test\r\nTo: {recipient}\r\nMessage-ID: <{originalMessageId}>\r\n\r\n--b1--\r\n";

    private Task<IngestOutcome> IngestAsync(int accountId, string from, string subject, string headers) =>
        IngestRawAsync(accountId, $"From: {from}\r\nTo: support@example.test\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@customer.test>\r\n"
            + headers + $"Date: {Now:R}\r\n\r\nHello\r\n");

    // Through the inbound ingestor, as if the account's watcher had fetched it.
    private async Task<IngestOutcome> IngestRawAsync(int accountId, string raw)
    {
        await using var scope = session.Server.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<MailroomDb>().Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId);
        return await scope.ServiceProvider.GetRequiredService<MessageIngestor>()
            .IngestAsync(account, new MailboxPosition(accountId, "INBOX", 1, Interlocked.Increment(ref _uid)), Encoding.UTF8.GetBytes(raw), CancellationToken.None);
    }

    private async Task<IncomingMailSeed.Seeded> SeedAsync(int accountId, int agentId, string customer)
    {
        await using var scope = session.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var seeded = await IncomingMailSeed.CreateAsync(db, scope.ServiceProvider.GetRequiredService<BlobStore>(), accountId,
            new IncomingMailSeed.Customer { From = customer, Subject = "Parcel " + Guid.NewGuid().ToString("N")[..8] }, Now, agentId);
        var interaction = await db.Interactions.SingleAsync(i => i.Id == seeded.InteractionId);
        if (interaction.ContactId is null)
        {
            var contact = db.Contacts.Add(new Core.Contacts.Contact { Email = customer, List = new Core.Contacts.ContactList { Name = "Bounce " + customer } }).Entity;
            await db.SaveChangesAsync();
            interaction.ContactId = contact.Id;
            await db.SaveChangesAsync();
        }

        return seeded;
    }

    private async Task<T> DbAsync<T>(Func<MailroomDb, Task<T>> read)
    {
        await using var scope = session.Server.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<MailroomDb>());
    }
}
