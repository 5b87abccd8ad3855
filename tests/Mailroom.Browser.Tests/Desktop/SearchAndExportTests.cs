using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>The list pane's quick search, filters, advanced search, saved searches and exports.</summary>
public sealed class SearchAndExportTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task QuickSearch_NarrowsTheList_AndTheTagFilterKeepsTheTaggedRow()
    {
        var (admin, account, token) = await AccountAsync("QS");
        var kettle = await Seed.InteractionAsync(session.Server, account, $"Kettle broken {token}", text: "The kettle leaks");
        var parcel = await Seed.InteractionAsync(session.Server, account, $"Parcel late {token}", text: "Where is my parcel");
        var tag = "vip-" + token;
        var tagId = await CreateAsync(admin, "/api/tags", new { name = tag });
        (await admin.PutAsJsonAsync($"/api/interactions/{parcel}/tags", new { tagIds = new[] { tagId } })).EnsureSuccessStatusCode();
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/desktop");
        var rows = page.Locator("#interactions li");

        await page.FillAsync("#quick-search", $"kettle {token}");
        await page.PressAsync("#quick-search", "Enter");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-id", Id(kettle));

        await page.FillAsync("#quick-search", "");
        await page.PressAsync("#quick-search", "Enter");
        await page.SelectOptionAsync("#filter-account", Id(account));
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.SelectOptionAsync("#filter-tags", [Id(tagId)]);
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-id", Id(parcel));
        await Assertions.Expect(rows.First.Locator($".chip[data-tag='{tag}']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-list-filters.png"), FullPage = true });
    }

    [Fact]
    public async Task AdvancedSearch_DisablingACondition_WidensTheResults_AndASavedSearchReloads()
    {
        var (_, account, token) = await AccountAsync("ADV");
        var alpha = await Seed.InteractionAsync(session.Server, account, $"Alpha order {token}");
        var beta = await Seed.InteractionAsync(session.Server, account, $"Beta order {token}");
        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/desktop");
        var rows = page.Locator("#interactions li");
        var conditions = page.Locator("#advanced-panel .condition");

        await page.ClickAsync("#advanced-search");
        await conditions.Nth(0).Locator(".condition-value").FillAsync(token);
        await page.ClickAsync("#add-condition");
        await conditions.Nth(1).Locator(".condition-operator").SelectOptionAsync("startsWith");
        await conditions.Nth(1).Locator(".condition-value").FillAsync("alpha");
        await page.ClickAsync("#run-advanced");
        await Assertions.Expect(page.Locator("#advanced-active")).ToBeVisibleAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-id", Id(alpha));

        await conditions.Nth(1).Locator(".condition-enabled").UncheckAsync();
        await page.ClickAsync("#run-advanced");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        Assert.Equal([Id(beta), Id(alpha)], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-advanced-search.png"), FullPage = true });

        // A value that does not fit its field is named next to its condition, and the list stays as it was.
        await page.ClickAsync("#add-condition");
        await conditions.Nth(2).Locator(".condition-field").SelectOptionAsync("messageText");
        await page.ClickAsync("#run-advanced");
        await Assertions.Expect(conditions.Nth(2).Locator(".field-error")).ToContainTextAsync("not a valid");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await conditions.Nth(2).Locator(".remove-condition").ClickAsync();

        await page.FillAsync("#saved-name", "orders " + token);
        await page.ClickAsync("#save-search");
        await Assertions.Expect(page.Locator("#saved-search option", new() { HasText = "orders " + token })).ToHaveCountAsync(1);
        await page.ClickAsync("#clear-advanced");
        await Assertions.Expect(page.Locator("#advanced-active")).ToHaveCountAsync(0);
        await Assertions.Expect(conditions).ToHaveCountAsync(1);

        await page.SelectOptionAsync("#saved-search", new SelectOptionValue { Label = "orders " + token });
        await page.ClickAsync("#load-search");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(conditions).ToHaveCountAsync(2);
        await Assertions.Expect(conditions.Nth(1).Locator(".condition-enabled")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#advanced-active")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task CsvExport_ShowsProgressUntilDone_AndHoldsTheListOrTheTickedRows()
    {
        var (_, account, token) = await AccountAsync("CSV");
        var ids = new List<long>();
        foreach (var n in Enumerable.Range(1, 3))
        {
            ids.Add(await Seed.InteractionAsync(session.Server, account, $"Export {n} {token}"));
        }

        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/desktop");
        await page.SelectOptionAsync("#filter-account", Id(account));
        await Assertions.Expect(page.Locator("#interactions li")).ToHaveCountAsync(3);

        var all = await DownloadAsync(page, "#export-csv", "#export-progress");
        Assert.Equal(ids.OrderDescending().Select(Id), CsvIds(all));
        await Assertions.Expect(page.Locator("#export-progress")).ToContainTextAsync("Done: 3 rows");

        await page.Locator($"#interactions li[data-id='{ids[0]}'] .select-row").CheckAsync();
        await page.Locator($"#interactions li[data-id='{ids[2]}'] .select-row").CheckAsync();
        var selected = await DownloadAsync(page, "#export-selected", "#export-progress");
        Assert.Equal([Id(ids[2]), Id(ids[0])], CsvIds(selected));
        await Assertions.Expect(page.Locator(".thread-title")).ToHaveCountAsync(0); // ticking a row does not open it
    }

    [Fact]
    public async Task OpenInteraction_DownloadsAZipWithAndWithoutAttachments_AndASupervisorDeletesIt()
    {
        var (_, account, _) = await AccountAsync("ZIP");
        IncomingMailSeed.Seeded seeded;
        using (var scope = session.Server.Services.CreateScope())
        {
            var customer = new IncomingMailSeed.Customer { Attachments = [("receipt.txt", "text/plain", "paid 12.50"u8.ToArray())] };
            seeded = await IncomingMailSeed.CreateAsync(scope.ServiceProvider.GetRequiredService<MailroomDb>(), scope.ServiceProvider.GetRequiredService<BlobStore>(),
                account, customer, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        }

        var page = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(page, "/desktop");
        var row = page.Locator($"#interactions li[data-id='{seeded.InteractionId}']");
        await row.ClickAsync();

        Assert.Equal(["001.eml", "001-attachments/receipt.txt"], ZipEntries(await DownloadAsync(page, "#download-zip", "#download-progress")));
        Assert.Equal(["001.eml"], ZipEntries(await DownloadAsync(page, "#download-zip-bare", "#download-progress")));

        await page.ClickAsync("#delete-interaction");
        await page.ClickAsync("#confirm-delete");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($".tab[data-tab='{seeded.InteractionId}']")).ToHaveCountAsync(0);
    }

    private async Task<(HttpClient Admin, int Account, string Token)> AccountAsync(string prefix)
    {
        var admin = await session.Server.AdminClientAsync();
        // A word no other test's data holds, so searches and filters see only this test's interactions.
        return (admin, await TestAccounts.CreateAsync(admin, prefix), "zq" + Guid.NewGuid().ToString("N")[..8]);
    }

    /// <summary>Clicks, waits for the browser's download and for the progress box to say done; returns the file's bytes.</summary>
    private static async Task<byte[]> DownloadAsync(IPage page, string button, string progress)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(button));
        await Assertions.Expect(page.Locator(progress)).ToHaveAttributeAsync("data-state", "done");
        var path = await download.PathAsync();
        return await File.ReadAllBytesAsync(path);
    }

    private static List<string> CsvIds(byte[] csv) =>
        System.Text.Encoding.UTF8.GetString(csv).TrimEnd().Split('\n').Skip(1).Select(line => line.Split(',')[0]).ToList();

    private static List<string> ZipEntries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return archive.Entries.Select(e => e.FullName).ToList();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
