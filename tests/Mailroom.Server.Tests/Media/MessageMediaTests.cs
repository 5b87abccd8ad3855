using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Media;

/// <summary>Attachments and the images inside a message document: who may fetch them, and how they are served.</summary>
public sealed partial class MessageMediaTests : IClassFixture<MessageMediaTests.App>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    private readonly App _app;

    public MessageMediaTests(App app) => _app = app;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new();

        public void Dispose() => Server.Dispose();
    }

    [Fact]
    public async Task InlineImage_IsServedThroughASignedUrl_ThatWorksWithoutACookie_AndFailsWhenTampered()
    {
        var admin = await _app.Server.AdminClientAsync();
        var (messageId, _) = await SeedAsync(admin, """<p>Logo:</p><img src="cid:logo@x">""");

        var document = await admin.GetStringAsync($"/api/messages/{messageId}/html");
        var url = MediaUrl().Match(document).Value;
        Assert.NotEmpty(url);
        var anonymous = _app.Server.CreateClient();
        var image = await anonymous.GetAsync(new Uri(url).PathAndQuery);
        var tampered = await anonymous.GetAsync(new Uri(url).PathAndQuery[..^3] + "AAA");

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
    }

    [Fact]
    public async Task Document_OfHtmlNestedTooDeeplyToSanitize_ShowsTheMailsTextWithANotice()
    {
        var admin = await _app.Server.AdminClientAsync();
        var accountId = await TestAccounts.CreateAsync(admin, "MED");
        var deep = string.Concat(Enumerable.Repeat("<div>", 100_000)) + "hidden";
        var interactionId = await Seed.InteractionAsync(_app.Server, accountId, "Nested", deep, text: "Where is my parcel?");
        await using var scope = _app.Server.Services.CreateAsyncScope();
        var messageId = scope.ServiceProvider.GetRequiredService<MailroomDb>().Messages.Single(m => m.InteractionId == interactionId).Id;

        var document = await admin.GetStringAsync($"/api/messages/{messageId}/html");

        Assert.Contains(MessageMedia.TooComplexNotice, document, StringComparison.Ordinal);
        Assert.Contains("Where is my parcel?", document, StringComparison.Ordinal);
        Assert.DoesNotContain("<div><div>", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachment_IsAlwaysADownload_WithNosniff_AndHiddenFromAgentsOfOtherAccounts()
    {
        var admin = await _app.Server.AdminClientAsync();
        var (messageId, attachmentId) = await SeedAsync(admin, "<p>see attached</p>");
        var (_, outsider) = await _app.Server.CreateUserAsync(admin);

        var download = await admin.GetAsync($"/api/messages/{messageId}/attachments/{attachmentId}");
        var hidden = await outsider.GetAsync($"/api/messages/{messageId}/attachments/{attachmentId}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task HtmlAttachmentWithoutName_IsServedAsBytes_AsADownload_Sandboxed_AndNotCached()
    {
        var admin = await _app.Server.AdminClientAsync();
        var (messageId, _) = await SeedAsync(admin, "<p>invoice</p>");
        var hostile = await AddAttachmentAsync(messageId, "", "text/html", "<script>fetch('/api/auth/me')</script>"u8.ToArray());
        var disguised = await AddAttachmentAsync(messageId, "invoice\u202Efdp.exe", "text/html", "x"u8.ToArray());

        var download = await admin.GetAsync($"/api/messages/{messageId}/attachments/{hostile}");
        var renamed = await admin.GetAsync($"/api/messages/{messageId}/attachments/{disguised}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"attachment-{hostile}", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox; default-src 'none'", download.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", download.Headers.CacheControl?.ToString());
        Assert.Equal("invoicefdp.exe", renamed.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task ImageAttachment_IsPreviewedThroughTheImagePath_OtherTypesAndSvgAreNot()
    {
        var admin = await _app.Server.AdminClientAsync();
        var (messageId, _) = await SeedAsync(admin, "<p>photos</p>");
        var photo = await AddAttachmentAsync(messageId, "photo.png", "image/png", Png);
        var vector = await AddAttachmentAsync(messageId, "logo.svg", "image/svg+xml", "<svg onload='alert(1)'/>"u8.ToArray());
        await using var scope = _app.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var interactionId = db.Messages.Single(m => m.Id == messageId).InteractionId;
        var adminId = db.Users.Single(u => u.Email == MailroomApp.AdminEmail).Id;

        var previews = await scope.ServiceProvider.GetRequiredService<MessageMedia>()
            .PreviewsAsync(new Core.Common.Actor(adminId, Core.Users.Role.Admin), interactionId, "http://localhost", default);
        var image = await _app.Server.CreateClient().GetAsync(new Uri(previews[photo]).PathAndQuery);
        var svgDownload = await admin.GetAsync($"/api/messages/{messageId}/attachments/{vector}");

        Assert.DoesNotContain(vector, previews.Keys);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", svgDownload.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RemoteImages_StayBlockedUnlessAsked_AndPrivateAddressesAreRefusedByTheProxy()
    {
        var admin = await _app.Server.AdminClientAsync();
        var (messageId, _) = await SeedAsync(admin, """<img src="http://127.0.0.1:9/pixel.png">""");

        var blocked = await admin.GetStringAsync($"/api/messages/{messageId}/html");
        var shown = await admin.GetStringAsync($"/api/messages/{messageId}/html?images=true");
        var proxied = await _app.Server.CreateClient().GetAsync(new Uri(MediaUrl().Match(shown).Value).PathAndQuery);

        Assert.Contains("data-blocked-src=\"http://127.0.0.1:9/pixel.png\"", blocked, StringComparison.Ordinal);
        Assert.DoesNotMatch(MediaUrl(), blocked);
        // Loopback is a private address: by default the proxy never reaches into the company's network.
        Assert.Equal(HttpStatusCode.BadGateway, proxied.StatusCode);
    }

    private async Task<(long MessageId, long AttachmentId)> SeedAsync(HttpClient admin, string html)
    {
        var accountId = await TestAccounts.CreateAsync(admin, "MED");
        var interactionId = await Seed.InteractionAsync(_app.Server, accountId, "Media", html);
        await using var scope = _app.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var blobs = scope.ServiceProvider.GetRequiredService<BlobStore>();
        var sha = await blobs.PutAsync(Png);
        var message = db.Messages.Single(m => m.InteractionId == interactionId);
        var inline = new Attachment { MessageId = message.Id, FileName = "logo.png", ContentType = "image/png", Size = Png.Length, ContentId = "logo@x", IsInline = true, BlobSha256 = sha };
        var file = new Attachment { MessageId = message.Id, FileName = "page.html", ContentType = "text/html", Size = Png.Length, BlobSha256 = sha };
        db.Attachments.AddRange(inline, file);
        await db.SaveChangesAsync();
        return (message.Id, file.Id);
    }

    private async Task<long> AddAttachmentAsync(long messageId, string fileName, string contentType, byte[] bytes)
    {
        await using var scope = _app.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var sha = await scope.ServiceProvider.GetRequiredService<BlobStore>().PutAsync(bytes);
        var file = new Attachment { MessageId = messageId, FileName = fileName, ContentType = contentType, Size = bytes.Length, BlobSha256 = sha };
        db.Attachments.Add(file);
        await db.SaveChangesAsync();
        return file.Id;
    }

    [GeneratedRegex("""http://[^"]+/media/[A-Za-z0-9_-]+""")]
    private static partial Regex MediaUrl();
}
