using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Media;

/// <summary>With a public URL configured, what names our origin names it, whatever Host header the request carried.</summary>
public sealed class PublicOriginTests : IDisposable
{
    private readonly MailroomApp _server = new(settings: new Dictionary<string, string?>
    {
        ["Mailroom:PublicUrl"] = "https://mailroom.example.test",
        ["Mailroom:Inbound:Enabled"] = "false",
    });

    [Fact]
    public async Task MessageDocument_NamesTheConfiguredOrigin_NotAForgedHost()
    {
        var admin = await _server.AdminClientAsync();
        var accountId = await TestAccounts.CreateAsync(admin, "PUB");
        var interactionId = await Seed.InteractionAsync(_server, accountId, "Logo", "<p>Hello</p><img src=\"https://images.customer.test/logo.png\">");
        await using var scope = _server.Services.CreateAsyncScope();
        var messageId = scope.ServiceProvider.GetRequiredService<MailroomDb>().Messages.Single(m => m.InteractionId == interactionId).Id;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/messages/{messageId}/html?images=true");
        request.Headers.Host = "evil.test";

        using var response = await admin.SendAsync(request);
        var document = await response.Content.ReadAsStringAsync();

        response.EnsureSuccessStatusCode();
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("https://mailroom.example.test", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.test", policy + document, StringComparison.Ordinal);
        Assert.Contains("https://mailroom.example.test/media/", document, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicUrl_ThatIsNoOrigin_StopsTheStartWithTheSettingsName()
    {
        using var server = new MailroomApp(settings: new Dictionary<string, string?> { ["Mailroom:PublicUrl"] = "mailroom.example.test/app" });

        var failed = Assert.ThrowsAny<Exception>(() => server.CreateClient());

        Assert.Contains("Mailroom:PublicUrl", failed.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _server.Dispose();
}
