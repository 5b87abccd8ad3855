using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Accounts;

public sealed class AccountApiTests : IClassFixture<AccountApiTests.App>
{
    private readonly App _app;

    public AccountApiTests(App app) => _app = app;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new();

        public void Dispose() => Server.Dispose();
    }

    public static TheoryData<string, string> BadFields => new()
    {
        { """{"key":"SIXCHR"}""", "key" },
        { """{"imap":{"host":"h","port":70000}}""", "imap.port" },
        { """{"address":null}""", "address" },
        { """{"address":"not-an-address"}""", "address" },
        { """{"smtp":{"host":"h","port":0}}""", "smtp.port" },
        { """{"retention":{"days":0}}""", "retention.days" },
        { """{"waitForAssignedAgentSeconds":0}""", "waitForAssignedAgentSeconds" },
        { """{"waitForAssignedQueueSeconds":2147484}""", "waitForAssignedQueueSeconds" },
        { """{"imap":{"host":"h","port":"abc"}}""", "imap.port" },
        { """{"signatureTemplate":"{{#if agentName}}Regards"}""", "signatureTemplate" },
        { """{"transfer":{"accountTransferTemplate":"Moved to {{toAccount"}}""", "transfer.accountTransferTemplate" },
        { """{"hold":{"floodLimit":0}}""", "hold.floodLimit" },
        { """{"hold":{"floodWindowMinutes":"five"}}""", "hold.floodWindowMinutes" },
        { """{"hold":{"expiryDays":0}}""", "hold.expiryDays" },
        { """{"hold":{"spamAssassinScore":1000}}""", "hold.spamAssassinScore" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Create_WithABadField_Answers400NamingTheField(string overrides, string field)
    {
        var admin = await _app.Server.AdminClientAsync();

        var response = await admin.PostAsync("/api/accounts", JsonContent.Create(Merge(ValidBody("BAD"), overrides)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Fact]
    public async Task Create_WithADuplicateKey_Answers400NamingKey()
    {
        var admin = await _app.Server.AdminClientAsync();
        (await admin.PostAsJsonAsync("/api/accounts", ValidBody("DUP"))).EnsureSuccessStatusCode();

        var response = await admin.PostAsJsonAsync("/api/accounts", ValidBody("DUP"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already used", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("key")[0].GetString());
    }

    [Fact]
    public async Task Passwords_AreNeverReturned_AndAreStoredEncrypted()
    {
        var admin = await _app.Server.AdminClientAsync();
        var created = await admin.PostAsJsonAsync("/api/accounts", ValidBody("SEC"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        foreach (var body in new[] { await created.Content.ReadAsStringAsync(), await admin.GetStringAsync($"/api/accounts/{id}"), await admin.GetStringAsync("/api/accounts") })
        {
            Assert.DoesNotContain("imap-secret-1", body, StringComparison.Ordinal);
            Assert.DoesNotContain("smtp-secret-1", body, StringComparison.Ordinal);
            Assert.DoesNotContain("passwordCipher", body, StringComparison.OrdinalIgnoreCase);
        }

        using var scope = _app.Server.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<MailroomDb>().Accounts.AsNoTracking().SingleAsync(a => a.Id == id);
        Assert.NotNull(stored.Imap.PasswordCipher);
        Assert.NotEqual("imap-secret-1", stored.Imap.PasswordCipher);
        Assert.DoesNotContain("imap-secret-1", stored.Imap.PasswordCipher!, StringComparison.Ordinal);
        Assert.NotEqual("smtp-secret-1", stored.Smtp.PasswordCipher);
    }

    [Fact]
    public async Task Update_WithoutPassword_KeepsTheStoredOne()
    {
        var admin = await _app.Server.AdminClientAsync();
        var id = await CreateAsync(admin, "KEEP");
        var body = Merge(ValidBody("KEEP"), """{"imap":{"host":"imap.example.test","port":993,"password":null},"smtp":{"host":"smtp.example.test","port":465,"password":null}}""");

        var updated = await admin.PutAsJsonAsync($"/api/accounts/{id}", body);

        updated.EnsureSuccessStatusCode();
        var view = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(view.GetProperty("imap").GetProperty("hasPassword").GetBoolean());
        Assert.True(view.GetProperty("smtp").GetProperty("hasPassword").GetBoolean());
    }

    [Fact]
    public async Task Agent_CannotCreateAccounts()
    {
        var admin = await _app.Server.AdminClientAsync();
        var (_, agent) = await _app.Server.CreateUserAsync(admin);

        var response = await agent.PostAsJsonAsync("/api/accounts", ValidBody("AGT"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Agent_SeesOnlyAccountsItWasAddedTo()
    {
        var admin = await _app.Server.AdminClientAsync();
        var mine = await CreateAsync(admin, "MINE");
        var other = await CreateAsync(admin, "OTHR");
        var (agentId, agent) = await _app.Server.CreateUserAsync(admin);
        (await admin.PostAsync($"/api/accounts/{mine}/members/{agentId}", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/accounts/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/accounts/{other}")).StatusCode);
        var listed = (await agent.GetFromJsonAsync<JsonElement>("/api/accounts")).EnumerateArray().Select(a => a.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(mine, listed);
        Assert.DoesNotContain(other, listed);

        (await admin.DeleteAsync($"/api/accounts/{mine}/members/{agentId}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/accounts/{mine}")).StatusCode);
    }

    [Fact]
    public async Task UnknownAccount_Answers404()
    {
        var admin = await _app.Server.AdminClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/accounts/999999")).StatusCode);
    }

    [Fact]
    public async Task Create_WithOnlyDefaults_AppliesTheSpecDefaults()
    {
        var admin = await _app.Server.AdminClientAsync();

        var view = await (await admin.PostAsJsonAsync("/api/accounts", ValidBody("DEF"))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("INBOX", view.GetProperty("imap").GetProperty("mailbox").GetString());
        Assert.Equal(10, view.GetProperty("imap").GetProperty("connectionTimeoutSeconds").GetInt32());
        Assert.Equal(5, view.GetProperty("imap").GetProperty("authenticationTimeoutSeconds").GetInt32());
        Assert.Equal(10, view.GetProperty("waitForAssignedAgentSeconds").GetInt32());
        Assert.False(view.GetProperty("transfer").GetProperty("accountTransferEnabled").GetBoolean());
        Assert.False(view.GetProperty("transfer").GetProperty("autoMailOnAccountTransfer").GetBoolean());
        var hold = view.GetProperty("hold");
        Assert.Equal((10, 5, 30, false), (hold.GetProperty("floodLimit").GetInt32(), hold.GetProperty("floodWindowMinutes").GetInt32(),
            hold.GetProperty("expiryDays").GetInt32(), hold.GetProperty("routeAutomaticMail").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, hold.GetProperty("spamAssassinScore").ValueKind);
    }

    [Fact]
    public async Task Update_HoldSettings_AreKept()
    {
        var admin = await _app.Server.AdminClientAsync();
        var id = await CreateAsync(admin, "HLS");

        var body = Merge(ValidBody("HLS"), """{"hold":{"routeAutomaticMail":true,"spamAssassinScore":4.5,"rspamdScore":9,"routeDmarcFailures":true,"floodLimit":20,"floodWindowMinutes":10,"expiryDays":7}}""");
        (await admin.PutAsJsonAsync($"/api/accounts/{id}", body)).EnsureSuccessStatusCode();

        var hold = (await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}")).GetProperty("hold");
        Assert.Equal((true, 4.5, 9.0, true, 20, 10, 7), (hold.GetProperty("routeAutomaticMail").GetBoolean(), hold.GetProperty("spamAssassinScore").GetDouble(),
            hold.GetProperty("rspamdScore").GetDouble(), hold.GetProperty("routeDmarcFailures").GetBoolean(), hold.GetProperty("floodLimit").GetInt32(),
            hold.GetProperty("floodWindowMinutes").GetInt32(), hold.GetProperty("expiryDays").GetInt32()));
    }

    [Fact]
    public async Task Update_Retention_IsKept_AndABodyWithoutItLiftsNoLegalHold()
    {
        var admin = await _app.Server.AdminClientAsync();
        var id = await CreateAsync(admin, "RET");

        (await admin.PutAsJsonAsync($"/api/accounts/{id}", Merge(ValidBody("RET"), """{"retention":{"days":90,"mode":"anonymise","legalHold":true}}"""))).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/accounts/{id}", ValidBody("RET"))).EnsureSuccessStatusCode();

        var retention = (await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}")).GetProperty("retention");
        Assert.Equal((90, "anonymise", true), (retention.GetProperty("days").GetInt32(), retention.GetProperty("mode").GetString(), retention.GetProperty("legalHold").GetBoolean()));
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?q=legal%20hold");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("details").GetString()!.Contains("legal hold False → True", StringComparison.Ordinal));
    }

    private static async Task<int> CreateAsync(HttpClient admin, string key)
    {
        var response = await admin.PostAsJsonAsync("/api/accounts", ValidBody(key));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static JsonElement ValidBody(string key) => JsonSerializer.SerializeToElement(new
    {
        name = $"{key} account",
        key,
        address = $"{key.ToLowerInvariant()}@example.test",
        imap = new { host = "imap.example.test", port = 993, password = "imap-secret-1" },
        smtp = new { host = "smtp.example.test", port = 465, password = "smtp-secret-1" },
    });

    // Shallow-merges top-level properties and one level of nested objects.
    private static JsonElement Merge(JsonElement body, string overrides)
    {
        var result = System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText())!.AsObject();
        foreach (var (name, value) in System.Text.Json.Nodes.JsonNode.Parse(overrides)!.AsObject())
        {
            if (value is System.Text.Json.Nodes.JsonObject nested && result[name] is System.Text.Json.Nodes.JsonObject target)
            {
                foreach (var (innerName, innerValue) in nested)
                {
                    target[innerName] = innerValue?.DeepClone();
                }
            }
            else
            {
                result[name] = value?.DeepClone();
            }
        }

        return JsonSerializer.SerializeToElement(result);
    }
}
