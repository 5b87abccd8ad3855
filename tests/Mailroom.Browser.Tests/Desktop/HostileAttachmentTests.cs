using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>
/// Issue 16: a customer's attachment with no file name and <c>text/html</c> holding a script. Served the way it
/// once was (rendered in Mailroom's origin), its script read the administrator's <c>/api/auth/me</c>.
/// </summary>
public sealed class HostileAttachmentTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const string Script = """
        <html><body><p>Invoice</p><script>
        console.log('PWNED-attachment');
        localStorage.setItem('stolen', 'yes');
        fetch('/api/auth/me').then(r => r.text()).then(t => console.log('PWNED-me ' + t));
        </script></body></html>
        """;

    [Fact]
    public async Task HtmlAttachmentWithoutName_OpenedFromTheDesktopOrByItsUrl_RunsNoScript()
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "XSS");
        var id = await Seed.InteractionAsync(session.Server, account, "Invoice " + Guid.NewGuid().ToString("N")[..6]);
        var (messageId, attachmentId) = await AttachAsync(id, System.Text.Encoding.UTF8.GetBytes(Script));
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        var console = new List<string>();
        var reads = new List<string>();
        page.Context.Console += (_, m) => console.Add(m.Text);
        page.Context.Request += (_, r) =>
        {
            if (r.Url.Contains("/api/auth/me", StringComparison.Ordinal))
            {
                reads.Add(r.Url);
            }
        };

        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        var link = page.Locator("article.message .attachments a");
        await Assertions.Expect(link).ToHaveTextAsync($"attachment-{attachmentId}");
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        // The URL as someone might send it: navigated to, not clicked as a download link.
        var opened = await page.RunAndWaitForDownloadAsync(() =>
            page.EvaluateAsync("url => { location.href = url; }", $"{session.Server.BaseAddress}api/messages/{messageId}/attachments/{attachmentId}"));
        await page.WaitForTimeoutAsync(1000);

        Assert.Equal($"attachment-{attachmentId}", download.SuggestedFilename);
        Assert.Equal($"attachment-{attachmentId}", opened.SuggestedFilename);
        Assert.Equal(Script, await File.ReadAllTextAsync(await opened.PathAsync()));
        Assert.DoesNotContain(console, c => c.Contains("PWNED", StringComparison.Ordinal));
        Assert.Empty(reads);
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('stolen')"));
    }

    private async Task<(long MessageId, long AttachmentId)> AttachAsync(long interactionId, byte[] bytes)
    {
        await using var scope = session.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var sha = await scope.ServiceProvider.GetRequiredService<BlobStore>().PutAsync(bytes);
        var message = db.Messages.Single(m => m.InteractionId == interactionId);
        var file = new Attachment { MessageId = message.Id, FileName = "", ContentType = "text/html", Size = bytes.Length, BlobSha256 = sha };
        db.Attachments.Add(file);
        await db.SaveChangesAsync();
        return (message.Id, file.Id);
    }
}
