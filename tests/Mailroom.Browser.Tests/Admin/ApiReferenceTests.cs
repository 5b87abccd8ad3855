using Microsoft.Playwright;

namespace Mailroom.Browser.Tests.Admin;

/// <summary>Issue 22: the API reference an integrator reads at /api/docs, drawn from the live OpenAPI document, offline.</summary>
public sealed class ApiReferenceTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task ApiDocs_ListsTheApisOperations_FromTheServedDocument_WithoutARequestLeavingMailroom()
    {
        var page = await session.Browser.NewPageAsync(new() { BaseURL = session.Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 900 } });
        var origin = session.Server.BaseAddress.GetLeftPart(UriPartial.Authority);
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        var document = page.WaitForResponseAsync(r => r.Url.EndsWith("/openapi/v1.json", StringComparison.Ordinal) && r.Ok);

        await page.GotoAsync("/api/docs");
        await document;

        await Assertions.Expect(page.GetByText("/api/accounts").First).ToBeAttachedAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Mailroom API");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mailroom API" }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "api-docs.png") });
        Assert.Empty(elsewhere);
    }
}
