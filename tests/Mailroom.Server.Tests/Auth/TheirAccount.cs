using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mailroom.Core.Mail.Held;
using Mailroom.Core.Search;
using Mailroom.Core.Storage;
using Mailroom.Server.Tests.Work;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Auth;

/// <summary>
/// Another account, filled the way its own people would fill it — an agent, a customer and their contact, mail with an
/// attachment, a note, a draft, a queued reply, a queue, a plan with a webhook, a sender rule, a held mail, a canned
/// answer, a service-level policy, a saved search — every text carrying <see cref="Marker"/>, so that any answer
/// showing the account's data gives itself away.
/// </summary>
internal sealed class TheirAccount
{
    private readonly Dictionary<string, long> _ids = [];

    private TheirAccount(string marker) => Marker = marker;

    public string Marker { get; }

    public int AccountId => (int)_ids["accounts"];

    public int AgentId => (int)_ids["users"];

    /// <summary>Their id for a path or body parameter, by the resource it names ("interactions", "queueId" …).</summary>
    public long? IdFor(string resourceOrField)
    {
        var key = resourceOrField.ToLowerInvariant();
        key = key.EndsWith("ids", StringComparison.Ordinal) ? key[..^3] : key.EndsWith("id", StringComparison.Ordinal) && key.Length > 2 ? key[..^2] : key;
        return key switch
        {
            "account" or "accounts" => _ids["accounts"],
            "user" or "users" or "agent" or "agents" or "actoruser" => _ids["users"],
            "interaction" or "interactions" => _ids["interactions"],
            "message" or "messages" => _ids["messages"],
            "attachment" => _ids["attachments"],
            "note" or "notes" => _ids["notes"],
            "draft" or "drafts" => _ids["drafts"],
            "queue" or "queues" => _ids["queues"],
            "list" or "contact-lists" => _ids["lists"],
            "contact" or "contacts" => _ids["contacts"],
            "rule" => _ids["rules"],
            "held" => _ids["held"],
            "answer" or "canned-answers" => _ids["answers"],
            "sla-policies" => _ids["policies"],
            "saved" => _ids["saved"],
            _ => null,
        };
    }

    public static async Task<TheirAccount> CreateAsync(WorkDesk desk)
    {
        var their = new TheirAccount("zq" + Guid.NewGuid().ToString("N")[..10]);
        var m = their.Marker;
        var admin = desk.Admin;
        var (account, _) = await desk.AccountAsync();
        their._ids["accounts"] = account;
        var (agentId, agent) = await desk.Server.CreateUserAsync(admin, "agent", $"{m}@example.test");
        (await admin.PostAsync($"/api/accounts/{account}/members/{agentId}", null)).EnsureSuccessStatusCode();
        their._ids["users"] = agentId;

        their._ids["lists"] = await CreatedAsync(admin, "/api/contact-lists", new { name = "List " + m });
        their._ids["contacts"] = await CreatedAsync(admin, "/api/contacts", new { listId = their._ids["lists"], firstName = m, lastName = "Customer", email = $"{m}@customer.test" });
        their._ids["queues"] = await CreatedAsync(admin, "/api/queues", new { name = "Queue " + m, members = new[] { new { userId = agentId } }, accountIds = new[] { account } });
        (await admin.PutAsJsonAsync($"/api/accounts/{account}/plan", new
        {
            steps = new object[]
            {
                new { kind = "webhook", url = $"http://127.0.0.1:9/{m}" },
                new { kind = "queue", queueId = their._ids["queues"], timeoutSeconds = 600 },
            },
        })).EnsureSuccessStatusCode();
        their._ids["rules"] = await CreatedAsync(admin, $"/api/accounts/{account}/sender-rules", new { sender = $"{m}@spam.test", kind = "block" });
        their._ids["answers"] = await CreatedAsync(admin, "/api/canned-answers", new { name = "Canned " + m, body = "Dear " + m, accountId = account });
        their._ids["policies"] = await CreatedAsync(admin, "/api/sla-policies", new { name = "SLA " + m, accountId = account, firstResponseMinutes = 60 });

        await their.CustomerWroteAsync(desk, agentId);
        var interaction = their._ids["interactions"];
        their._ids["notes"] = await CreatedAsync(agent, $"/api/interactions/{interaction}/notes", new { text = "Note " + m });
        their._ids["drafts"] = await CreatedAsync(agent, $"/api/interactions/{interaction}/draft", new { mode = "reply", body = "Draft " + m });
        await CreatedAsync(agent, "/api/search/saved", new { name = "Saved " + m, match = "all", conditions = new[] { new { field = "subject", @operator = "contains", value = m } } });
        their._ids["saved"] = await desk.DbAsync(db => db.Set<SavedSearch>().Where(s => s.UserId == agentId).Select(s => s.Id).SingleAsync());
        (await agent.PostAsJsonAsync($"/api/interactions/{interaction}/reply", new { body = "Reply " + m, format = "text" })).EnsureSuccessStatusCode();
        return their;
    }

    /// <summary>Mail from their customer with an attachment, owned by their agent, and a held auto-reply.</summary>
    private async Task CustomerWroteAsync(WorkDesk desk, int agentId)
    {
        await using var scope = desk.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var blobs = scope.ServiceProvider.GetRequiredService<BlobStore>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var customer = new IncomingMailSeed.Customer
        {
            From = $"{Marker}@customer.test",
            FromName = Marker,
            Subject = "Order " + Marker,
            Attachments = [($"{Marker}.txt", "text/plain", Encoding.UTF8.GetBytes("Invoice " + Marker))],
        };
        var seeded = await IncomingMailSeed.CreateAsync(db, blobs, AccountId, customer, now, agentId);
        _ids["interactions"] = seeded.InteractionId;
        _ids["messages"] = seeded.MessageId;
        _ids["attachments"] = db.Attachments.Where(a => a.MessageId == seeded.MessageId).Select(a => a.Id).Single();
        var raw = Encoding.UTF8.GetBytes($"Subject: Out of office {Marker}\r\n\r\nAway.\r\n");
        var held = new HeldMail
        {
            AccountId = AccountId,
            Mailbox = "INBOX",
            Uid = 1,
            Reason = HoldReason.Automatic,
            Detail = "Auto-Submitted: auto-replied",
            Subject = "Out of office " + Marker,
            From = $"{Marker}@customer.test",
            RawSha256 = await blobs.PutAsync(raw),
            RawSize = raw.Length,
            HeldAt = now,
        };
        db.HeldMails.Add(held);
        await db.SaveChangesAsync();
        _ids["held"] = held.Id;
    }

    private static async Task<long> CreatedAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, MailroomApp.Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }
}
