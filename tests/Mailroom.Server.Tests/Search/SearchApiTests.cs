using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Mailroom.Core;
using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Exports;
using Mailroom.Core.Interactions;
using Mailroom.Core.Search;
using Mailroom.Core.Storage;
using Mailroom.Core.Transfers;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using UglyToad.PdfPig;

namespace Mailroom.Server.Tests.Search;

/// <summary>Exports, deletion, saved searches and reports through the REST API, on SQLite and on PostgreSQL.</summary>
public sealed class SearchApiTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Zip_WithAttachments_HoldsTheRawMessagesByteForByte_AndWithoutDropsThem(DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var admin = await world.App.AdminClientAsync();

        var with = await ReadZipAsync(await admin.GetAsync($"/api/interactions/{world.Data.Refund}/download.zip?attachments=true"));
        var without = await ReadZipAsync(await admin.GetAsync($"/api/interactions/{world.Data.Refund}/download.zip?attachments=false"));

        Assert.Equal(["001.eml", "001-attachments/receipt.pdf", "002.eml"], with.Keys);
        Assert.Equal(world.RawHashes, new[] { "001.eml", "002.eml" }.Select(n => Convert.ToHexStringLower(SHA256.HashData(with[n]))));
        Assert.Equal(["001.eml", "002.eml"], without.Keys);
        var stripped = MimeMessage.Load(new MemoryStream(without["001.eml"]));
        Assert.Empty(stripped.Attachments);
        Assert.Contains("kettle", stripped.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Transcript_IsAPdfWithEveryMessage_AndListsAttachmentsOnlyWhenAsked(DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var admin = await world.App.AdminClientAsync();

        var with = PdfText(await admin.GetByteArrayAsync($"/api/interactions/{world.Data.Refund}/transcript.pdf?attachments=true"));
        var without = PdfText(await admin.GetByteArrayAsync($"/api/interactions/{world.Data.Refund}/transcript.pdf?attachments=false"));

        Assert.Contains("Refund for order 1001", with, StringComparison.Ordinal);
        Assert.Contains("kettle", with, StringComparison.Ordinal);
        Assert.Contains("We will refund you", with, StringComparison.Ordinal);
        Assert.Contains("receipt.pdf", with, StringComparison.Ordinal);
        Assert.DoesNotContain("receipt.pdf", without, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnotherAccountsInteraction_IsNeverExported_Searched_OrDeleted(DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var agent = await world.SupportMemberAsync(Role.Supervisor);
        var foreign = world.Data.Invoice;

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/interactions/{foreign}/download.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/interactions/{foreign}/transcript.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.DeleteAsync($"/api/interactions/{foreign}")).StatusCode);
        var csv = await agent.GetStringAsync($"/api/interactions/export.csv?ids={foreign},{world.Data.Refund}");
        Assert.Equal([InteractionCsv.Header, world.Data.Refund.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            csv.TrimEnd().Split('\n').Select((l, n) => n == 0 ? l : l.Split(',')[0]));
        var found = await agent.PostAsJsonAsync("/api/search/interactions", new { conditions = new[] { new { field = "messageText", @operator = "contains", value = "invoice" } } });
        Assert.Empty(await found.Content.ReadFromJsonAsync<JsonElement[]>() ?? []);
        Assert.Empty(await agent.GetFromJsonAsync<JsonElement[]>("/api/interactions?q=zed@zzz.test") ?? []);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Delete_BySupervisor_RemovesMessagesUnusedBlobsAndIndexEntries_ButAnAgentMayNot(DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var agent = await world.SupportMemberAsync(Role.Agent);
        var supervisor = await world.SupportMemberAsync(Role.Supervisor);
        var blobs = world.App.Services.GetRequiredService<BlobStore>();

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.DeleteAsync($"/api/interactions/{world.Data.Refund}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/interactions/{world.Data.Refund}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/interactions/{world.Data.Refund}")).StatusCode);
        Assert.Empty(await supervisor.GetFromJsonAsync<JsonElement[]>("/api/interactions?q=kettle") ?? []);
        Assert.All(world.RawHashes, sha => Assert.False(blobs.Exists(sha)));
        await using var scope = world.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        Assert.False(await db.Messages.AnyAsync(m => m.InteractionId == world.Data.Refund));
        Assert.True(await db.Messages.AnyAsync(m => m.InteractionId == world.Data.Delivery));
    }

    [Fact]
    public async Task CsvExport_SaysItsRowCountAhead_ForAFilteredListAndAnAdvancedSearch()
    {
        await using var world = await World.CreateAsync(DatabaseProvider.Sqlite);
        var admin = await world.App.AdminClientAsync();

        var list = await admin.GetAsync("/api/interactions/export.csv?status=Open");
        var search = await admin.PostAsJsonAsync("/api/search/export.csv", new { conditions = new[] { new { field = "subject", @operator = "contains", value = "order" } } });

        foreach (var (response, rows) in new[] { (list, 2), (search, 1) })
        {
            Assert.Equal(rows.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Row-Count")));
            Assert.Equal(rows + 1, (await response.Content.ReadAsStringAsync()).TrimEnd().Split('\n').Length);
        }
    }

    [Fact]
    public async Task AdvancedSearch_BadFieldOrOperator_Answers400NamingIt()
    {
        await using var world = await World.CreateAsync(DatabaseProvider.Sqlite);
        var admin = await world.App.AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/api/search/interactions", new
        {
            match = "all",
            conditions = new object[] { new { field = "subject", @operator = "greaterThan", value = "a" }, new { field = "colour", @operator = "equals", value = "x" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("conditions[0].operator", body, StringComparison.Ordinal);
        Assert.Contains("conditions[1].field", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/reports/interactions?from=2026-01-01&to=2026-04-01&accounts=1,sales", "accounts")]
    [InlineData("/api/interactions/export.csv?ids=1,x", "ids")]
    public async Task IdList_WithAPartThatIsNoId_Answers400NamingItsParameter(string url, string field)
    {
        await using var world = await World.CreateAsync(DatabaseProvider.Sqlite);
        var admin = await world.App.AdminClientAsync();

        var response = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task SavedSearches_BelongToTheirUser_AndSavingTheSameNameReplaces()
    {
        await using var world = await World.CreateAsync(DatabaseProvider.Sqlite);
        var admin = await world.App.AdminClientAsync();
        var other = await world.SupportMemberAsync(Role.Agent);
        object Body(string value) => new { name = "Refunds", match = "any", conditions = new[] { new { field = "subject", @operator = "contains", value, disabled = false } } };

        (await admin.PostAsJsonAsync("/api/search/saved", Body("refund"))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/search/saved", Body("kettle"))).EnsureSuccessStatusCode();

        var mine = await admin.GetFromJsonAsync<JsonElement[]>("/api/search/saved");
        Assert.Equal("kettle", Assert.Single(mine!).GetProperty("conditions")[0].GetProperty("value").GetString());
        Assert.Empty(await other.GetFromJsonAsync<JsonElement[]>("/api/search/saved") ?? []);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/search/saved/{mine![0].GetProperty("id").GetInt64()}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Report_MatchesTheFixture_AndATransferMovesTheCountToTheNewAccount(DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var admin = await world.App.AdminClientAsync();
        var url = "/api/reports/interactions.csv?from=2026-01-01&to=2026-04-01";

        Assert.Equal(
            """
            account,received,open,closed,closed_unmanaged,transferred_in,transferred_out,first_response_mean_min,first_response_p90_min,handling_mean_min,handling_p90_min
            SAL,1,1,0,0,0,0,,,,
            SUP,2,1,1,0,0,0,60.0,60.0,120.0,120.0
            """, (await admin.GetStringAsync(url)).Trim().ReplaceLineEndings("\n"));

        await world.TransferRefundToSalesAsync();

        Assert.Equal(
            """
            account,received,open,closed,closed_unmanaged,transferred_in,transferred_out,first_response_mean_min,first_response_p90_min,handling_mean_min,handling_p90_min
            SAL,2,2,0,0,0,0,,,,
            SUP,1,0,1,0,0,0,60.0,60.0,120.0,120.0
            """, (await admin.GetStringAsync(url)).Trim().ReplaceLineEndings("\n"));
        var today = await admin.GetStringAsync("/api/reports/interactions.csv?from=2026-01-01&to=2027-06-01");
        Assert.Contains("SAL,2,2,0,0,1,0,", today, StringComparison.Ordinal);
        Assert.Contains("SUP,1,0,1,0,0,1,", today, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Report_CountsThePeriodsInteractionsByTag(DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var admin = await world.App.AdminClientAsync();
        async Task<int> TagAsync(string name) =>
            (await (await admin.PostAsJsonAsync("/api/tags", new { name })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var (vip, late) = (await TagAsync("vip"), await TagAsync("late"));
        (await admin.PutAsJsonAsync($"/api/interactions/{world.Data.Refund}/tags", new { tagIds = new[] { vip, late } })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/interactions/{world.Data.Delivery}/tags", new { tagIds = new[] { late } })).EnsureSuccessStatusCode();

        var report = await admin.GetFromJsonAsync<JsonElement>("/api/reports/interactions?from=2026-01-01&to=2026-04-01");
        var byTag = report.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetInt32(), t => t.GetProperty("count").GetInt32());
        var outside = await admin.GetFromJsonAsync<JsonElement>("/api/reports/interactions?from=2025-01-01&to=2025-04-01");

        Assert.Equal(new Dictionary<int, int> { [vip] = 1, [late] = 2 }, byTag);
        Assert.Empty(outside.GetProperty("tags").EnumerateArray());
    }

    private static async Task<Dictionary<string, byte[]>> ReadZipAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var files = new Dictionary<string, byte[]>();
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            await using (var stream = entry.Open())
            {
                await stream.CopyToAsync(content);
            }

            files[entry.FullName] = content.ToArray();
        }

        return files;
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    /// <summary>A server with <see cref="SearchData"/> whose Refund thread has real raw messages (one with a PDF attachment).</summary>
    private sealed class World : IAsyncDisposable
    {
        private TestDatabase _database = null!;

        public MailroomApp App { get; private set; } = null!;
        public SearchData Data { get; private set; } = null!;
        public List<string> RawHashes { get; } = [];

        public static async Task<World> CreateAsync(DatabaseProvider provider)
        {
            var world = new World { _database = await TestDatabase.CreateAsync(provider) };
            world.App = new MailroomApp(world._database, settings: new Dictionary<string, string?> { ["Mailroom:Inbound:Enabled"] = "false" });
            await world.App.AdminClientAsync();
            await using var scope = world.App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
            var blobs = scope.ServiceProvider.GetRequiredService<BlobStore>();
            world.Data = await SearchData.SeedAsync(db);
            var incoming = await db.Messages.SingleAsync(m => m.InteractionId == world.Data.Refund);
            var body = new BodyBuilder { TextBody = incoming.TextBody };
            var receipt = new byte[] { 0x25, 0x50, 0x44, 0x46, 1, 2, 3 };
            body.Attachments.Add("receipt.pdf", receipt, new ContentType("application", "pdf"));
            incoming.RawSha256 = await PutAsync(blobs, new MimeMessage([new MailboxAddress("Jane Doe", incoming.From)], [MailboxAddress.Parse(incoming.To)],
                incoming.Subject, body.ToMessageBody()));
            incoming.Attachments.Add(new Attachment { FileName = "receipt.pdf", ContentType = "application/pdf", Size = receipt.Length, BlobSha256 = await blobs.PutAsync(receipt) });
            var reply = SearchData.Incoming(await db.Interactions.SingleAsync(i => i.Id == world.Data.Refund), "support@example.test", "Support", "We will refund you today.");
            reply.Direction = MessageDirection.Outgoing;
            reply.CreatedAt = reply.CreatedAt.AddHours(1);
            reply.RawSha256 = await PutAsync(blobs, new MimeMessage([MailboxAddress.Parse(reply.From)], [MailboxAddress.Parse(incoming.From)], "Re: " + incoming.Subject,
                new TextPart("plain") { Text = reply.TextBody ?? "" }));
            db.Messages.Add(reply);
            await db.SaveChangesAsync();
            world.RawHashes.AddRange([incoming.RawSha256, reply.RawSha256]);
            return world;
        }

        /// <summary>A signed-in user of the given role who is a member of the Support account only.</summary>
        public async Task<HttpClient> SupportMemberAsync(Role role)
        {
            var (id, client) = await App.CreateUserAsync(await App.AdminClientAsync(), role.ToString().ToLowerInvariant());
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
            db.AccountMembers.Add(new AccountMember { AccountId = Data.Support, UserId = id });
            await db.SaveChangesAsync();
            return client;
        }

        public async Task TransferRefundToSalesAsync()
        {
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
            await db.Accounts.Where(a => a.Id == Data.Support).ExecuteUpdateAsync(s => s.SetProperty(a => a.Transfer.AccountTransferEnabled, true));
            var admin = await db.Users.SingleAsync(u => u.Role == Role.Admin);
            await scope.ServiceProvider.GetRequiredService<TransferToAccount>().RunAsync(new Actor(admin.Id, Role.Admin), Data.Refund, Data.Sales, null, default);
        }

        private static async Task<string> PutAsync(BlobStore blobs, MimeMessage message)
        {
            using var raw = new MemoryStream();
            await message.WriteToAsync(raw);
            return await blobs.PutAsync(raw.ToArray());
        }

        public async ValueTask DisposeAsync()
        {
            App.Dispose();
            await _database.DisposeAsync();
        }
    }
}
