using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.Playwright;
using MimeKit;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>An agent's shift in the browser, against the real Postfix and Dovecot that ./test.sh starts.</summary>
[Collection(SharedMailboxes.Name)]
public sealed class AgentWorkflowTests : IClassFixture<BrowserSession>
{
    // Mailboxes no other browser test uses, so a reset here disturbs nobody.
    private const string Billing = "billing@example.test";
    private const string Customer = "customer2@customer.test";
    private static readonly TimeSpan MailPatience = TimeSpan.FromSeconds(45);

    private readonly BrowserSession _session;

    public AgentWorkflowTests(BrowserSession session) => _session = session;

    [Fact]
    public async Task Agent_GoesOnline_AcceptsTheOfferForARealMail_AndRepliesWithAnAttachmentThatReachesTheCustomer()
    {
        await LocalMail.ControlAsync("reset", Billing);
        await LocalMail.ControlAsync("reset", Customer);
        var admin = await _session.Server.AdminClientAsync();
        var email = $"shift{Guid.NewGuid():N}"[..14] + "@example.test";
        var (agentId, _) = await _session.Server.CreateUserAsync(admin, email: email);
        var accountId = await CreateAccountAsync(admin, LocalMail.AccountBody(Billing, NewKey()));
        (await admin.PostAsync($"/api/accounts/{accountId}/members/{agentId}", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/queues", new
        {
            name = "Billing " + Guid.NewGuid().ToString("N")[..4],
            strategy = "ringAll",
            agentTimeoutSeconds = 120,
            members = new[] { new { userId = agentId } },
            accountIds = new[] { accountId },
        }, MailroomApp.Json)).EnsureSuccessStatusCode();

        var page = await _session.SignedInPageAsync(email, "agent-password-1");
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.SelectOptionAsync("#presence", "Online");
        await Assertions.Expect(page.Locator(".presence-dot.online")).ToBeVisibleAsync();

        var subject = "Invoice question " + Guid.NewGuid().ToString("N")[..8];
        await LocalMail.SendAsync(LocalMail.Compose(Customer, Billing, subject, "Why was I charged twice?"));
        var offer = page.Locator("#offers li.offer", new() { HasText = subject });
        await Assertions.Expect(offer).ToBeVisibleAsync(new() { Timeout = (float)MailPatience.TotalMilliseconds });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-offer.png") });
        await offer.Locator("button.accept").ClickAsync();

        await Assertions.Expect(page.Locator(".thread-title")).ToContainTextAsync(subject);
        await Assertions.Expect(page.Locator("#offers li.offer")).ToHaveCountAsync(0);
        await page.ClickAsync("#reply");
        await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");
        await page.Locator("#compose-body").FillAsync("Sorry about that, the refund is attached.");
        var receipt = RandomNumberGenerator.GetBytes(200_000);
        await page.SetInputFilesAsync("#compose-files", new FilePayload { Name = "refund.pdf", MimeType = "application/pdf", Buffer = receipt });
        await Assertions.Expect(page.Locator("#compose-attachments li", new() { HasText = "refund.pdf" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-composer.png") });
        await page.ClickAsync("#send");

        await Assertions.Expect(page.Locator("article.message.out")).ToHaveCountAsync(1);
        var delivered = await LocalMail.WaitForAsync(Customer, "Re: " + subject, MailPatience);
        Assert.Equal(Billing, delivered.From.Mailboxes.Single().Address);
        Assert.Contains("refund is attached", delivered.HtmlBody, StringComparison.Ordinal);
        var attachment = delivered.Attachments.OfType<MimePart>().Single();
        Assert.Equal("refund.pdf", attachment.FileName);
        using var bytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(bytes);
        Assert.Equal(receipt, bytes.ToArray());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-replied.png"), FullPage = true });
    }

    [Fact]
    public async Task Composer_RefusesAFileOverTheLimit_BeforeUploadingIt()
    {
        var admin = await _session.Server.AdminClientAsync();
        // Inactive: no second watcher on the billing mailbox.
        var accountId = await CreateAccountAsync(admin, LocalMail.AccountBody(Billing, NewKey(), active: false));
        var id = await Seed.InteractionAsync(_session.Server, accountId, "Big file " + Guid.NewGuid().ToString("N")[..6]);
        var page = await _session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        await page.ClickAsync("#reply");
        await Assertions.Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-ready", "true");

        var huge = await BrowserSession.SparseFileAsync("huge.bin", (16 * 1024 * 1024) + 1);

        await page.SetInputFilesAsync("#compose-files", huge);

        await Assertions.Expect(page.Locator("#composer [role=alert]")).ToContainTextAsync("huge.bin is 16.0 MB; each attachment may be at most 15 MB");
        await Assertions.Expect(page.Locator("#compose-attachments li")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AccountTransfer_ThroughTheDesktop_SendsTheAutomaticMailFromTheNewAccount()
    {
        // "Automatic Mail ON": the customer hears from the new account, and answering it reaches the new account.
        const string sales = "sales@example.test", support = "support@example.test", customer = "customer@customer.test";
        foreach (var mailbox in new[] { sales, support, customer })
        {
            await LocalMail.ControlAsync("reset", mailbox);
        }

        var admin = await _session.Server.AdminClientAsync();
        var transfer = new { accountTransferEnabled = true, autoMailOnAccountTransfer = true, accountTransferTemplate = "<p>Your request moved from {{fromAccount}} to {{toAccount}}.</p>" };
        var from = await CreateAccountAsync(admin, LocalMail.AccountBody(sales, NewKey(), transfer: transfer));
        var toKey = NewKey();
        var to = await CreateAccountAsync(admin, LocalMail.AccountBody(support, toKey));
        var subject = "Warranty " + Guid.NewGuid().ToString("N")[..8];
        await LocalMail.SendAsync(LocalMail.Compose(customer, sales, subject, "My kettle broke."));

        var page = await _session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/desktop");
        var row = page.Locator("#interactions li", new() { HasText = subject });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = (float)MailPatience.TotalMilliseconds });
        await row.ClickAsync();
        // The interaction is still being routed when it is opened; let its live updates settle (the history shows
        // the routing outcome) before choosing, as a person would see the pane stop changing.
        await Assertions.Expect(page.Locator(".history li")).Not.ToHaveCountAsync(0);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.SelectOptionAsync("#transfer-account", to.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#transfer")).ToBeEnabledAsync();
        await page.ClickAsync("#transfer");

        var automatic = await LocalMail.WaitForAsync(customer, subject, MailPatience);
        Assert.Equal(support, automatic.From.Mailboxes.Single().Address);
        Assert.Equal(support, automatic.ReplyTo.Mailboxes.Single().Address);
        Assert.Contains($"moved from {sales} to {support}", automatic.HtmlBody, StringComparison.Ordinal);
        // Live, no reload: the open interaction now shows its new account and the automatic mail.
        await Assertions.Expect(page.Locator(".thread-title .key")).ToHaveTextAsync(toKey);
        await Assertions.Expect(page.Locator("article.message.out")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-account-transfer.png"), FullPage = true });
    }

    private static string NewKey() => "B" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();

    private static async Task<int> CreateAccountAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/accounts", body, MailroomApp.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}
