using System.Security.Cryptography;
using Mailroom.TestSupport;
using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>Issue 6/9: a note carries a file, picked in the notes panel and downloaded from the note.</summary>
public sealed class NoteAttachmentTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Note_WithAFile_IsDownloadedWithTheSameBytes()
    {
        var page = await OpenInteractionAsync("Note file");
        var log = RandomNumberGenerator.GetBytes(50_000);

        await page.FillAsync("#note-text", "Call recording attached");
        await page.SetInputFilesAsync("#note-file", new FilePayload { Name = "call-log.bin", MimeType = "application/octet-stream", Buffer = log });
        await Assertions.Expect(page.Locator("#note-attachment")).ToContainTextAsync("call-log.bin");
        await page.ClickAsync("#add-note");

        var link = page.Locator("#notes li.note a.note-file");
        await Assertions.Expect(link).ToContainTextAsync("call-log.bin");
        await Assertions.Expect(page.Locator("#note-attachment")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-note-file.png"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("call-log.bin", download.SuggestedFilename);
        Assert.Equal(log, await File.ReadAllBytesAsync(await download.PathAsync()));
    }

    [Fact]
    public async Task NoteFile_OverTheLimit_IsRefusedBeforeUploading()
    {
        var page = await OpenInteractionAsync("Note huge");
        var huge = await BrowserSession.SparseFileAsync("huge.bin", (16 * 1024 * 1024) + 1);

        await page.SetInputFilesAsync("#note-file", huge);

        await Assertions.Expect(page.Locator("#note-form [role=alert]")).ToContainTextAsync("huge.bin is 16.0 MB; each attachment may be at most 15 MB");
        await Assertions.Expect(page.Locator("#note-attachment")).ToHaveCountAsync(0);
    }

    private async Task<IPage> OpenInteractionAsync(string subject)
    {
        var admin = await session.Server.AdminClientAsync();
        var account = await TestAccounts.CreateAsync(admin, "NTF");
        var id = await Seed.InteractionAsync(session.Server, account, subject + " " + Guid.NewGuid().ToString("N")[..6]);
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.ClickAsync($"#interactions li[data-id='{id}']");
        await Assertions.Expect(page.Locator("#note-form")).ToHaveAttributeAsync("data-ready", "true");
        return page;
    }
}
