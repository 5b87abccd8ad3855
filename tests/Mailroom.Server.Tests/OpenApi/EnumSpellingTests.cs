using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Server.Tests.Work;

namespace Mailroom.Server.Tests.OpenApi;

/// <summary>An enum value is accepted as the API itself spells it, in its answers and in its document.</summary>
public sealed class EnumSpellingTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task TheStatusTheListAnswersWith_FiltersTheListWhenSentBack()
    {
        var (account, _) = await desk.AccountAsync();
        var id = await desk.CustomerWritesAsync(account);
        var row = (await desk.Admin.GetFromJsonAsync<JsonElement>($"/api/interactions?accountId={account}")).EnumerateArray().Single();
        var status = row.GetProperty("status").GetString();

        var listed = await desk.Admin.GetFromJsonAsync<JsonElement>($"/api/interactions?accountId={account}&status={status}");

        Assert.Equal("open", status);
        Assert.Contains(listed.EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task EveryFormatTheDocumentLists_RendersACannedAnswer()
    {
        var (account, _) = await desk.AccountAsync();
        var id = await desk.CustomerWritesAsync(account);
        var created = await desk.Admin.PostAsJsonAsync("/api/canned-answers", new { name = "Thanks " + Guid.NewGuid().ToString("N")[..6], body = "<p>Thanks</p>" });
        var answer = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using var document = JsonDocument.Parse(await desk.Admin.GetStringAsync("/openapi/v1.json"));
        var formats = document.RootElement.GetProperty("paths").GetProperty("/api/interactions/{id}/canned-answers/{answerId}/rendered").GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "format")
            .GetProperty("schema").GetProperty("enum").EnumerateArray().Select(f => f.GetString()).ToList();

        Assert.Equal(["html", "text"], formats);
        foreach (var format in formats)
        {
            var rendered = await desk.Admin.GetAsync($"/api/interactions/{id}/canned-answers/{answer}/rendered?format={format}");
            Assert.True(rendered.StatusCode == HttpStatusCode.OK, $"format={format}: {(int)rendered.StatusCode} {await rendered.Content.ReadAsStringAsync()}");
        }
    }
}
