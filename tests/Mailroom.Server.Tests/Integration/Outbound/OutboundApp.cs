using System.Net.Http.Json;
using System.Text.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Mailroom.Core.Storage;
using Mailroom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.Integration.Outbound;

/// <summary>A Mailroom server whose outbox sender polls fast, with an agent in the local support account.</summary>
public class OutboundApp : IAsyncLifetime
{
    public OutboundApp()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>With more settings (an undo hold, say).</summary>
    protected OutboundApp(Dictionary<string, string?> settings)
    {
        settings["Mailroom:Outbound:PollInterval"] = "00:00:00.200";
        Server = new(settings: settings);
    }

    public MailroomApp Server { get; }

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Agent { get; private set; } = null!;

    public int SupportAccountId { get; private set; }

    public int AgentId { get; private set; }

    public async Task InitializeAsync()
    {
        Admin = await Server.AdminClientAsync();
        (AgentId, Agent) = await Server.CreateUserAsync(Admin);
        SupportAccountId = await CreateAccountAsync(LocalMail.AccountBody("support@example.test", "SUP", transfer: new { }), AgentId);
    }

    public async Task<int> CreateAccountAsync(object body, int memberId)
    {
        var response = await Admin.PostAsJsonAsync("/api/accounts", body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating the account answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await Admin.PostAsync($"/api/accounts/{id}/members/{memberId}", null)).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>What inbound ingestion would have stored for a customer's message to the account.</summary>
    public async Task<IncomingMailSeed.Seeded> CustomerWritesAsync(int accountId, IncomingMailSeed.Customer? customer = null)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var blobs = scope.ServiceProvider.GetRequiredService<BlobStore>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return await IncomingMailSeed.CreateAsync(db, blobs, accountId, customer ?? new IncomingMailSeed.Customer(), now);
    }

    public async Task<JsonElement> DeliveryAsync(long messageId) =>
        await Agent.GetFromJsonAsync<JsonElement>($"/api/messages/{messageId}/delivery");

    /// <summary>Polls the delivery state until <paramref name="done"/> holds.</summary>
    public async Task<JsonElement> WaitForDeliveryAsync(long messageId, Func<JsonElement, bool> done, TimeSpan? timeout = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var delivery = await DeliveryAsync(messageId);
            if (done(delivery))
            {
                return delivery;
            }

            if (waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"Delivery of {messageId} is still {delivery}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>How many messages with the subject are in the user's INBOX.</summary>
    public static async Task<int> CountAsync(string user, string subject)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(LocalMail.Host, TestEnvironment.ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(user, LocalMail.Passwords[user]);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        return (await imap.Inbox.SearchAsync(SearchQuery.SubjectContains(subject))).Count;
    }

    public Task DisposeAsync()
    {
        Server.Dispose();
        return Task.CompletedTask;
    }
}
