using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.Integration;

/// <summary>"Verify connection" against the real Dovecot and Postfix started by ./test.sh.</summary>
public sealed class VerifyConnectionTests : IClassFixture<VerifyConnectionTests.App>
{
    private readonly MailroomApp _server;

    public VerifyConnectionTests(App app) => _server = app.Server;

    public sealed class App : IDisposable
    {
        public MailroomApp Server { get; } = new();

        public void Dispose() => Server.Dispose();
    }

    [Fact]
    public async Task Verify_WithTheRightPassword_Succeeds()
    {
        var admin = await _server.AdminClientAsync();
        var id = await CreateAsync(admin, LocalMail.AccountBody("support@example.test", "VOK"));

        var report = await VerifyAsync(admin, id);

        Assert.True(report.GetProperty("imap").GetProperty("ok").GetBoolean(), report.ToString());
        Assert.True(report.GetProperty("smtp").GetProperty("ok").GetBoolean(), report.ToString());
    }

    [Fact]
    public async Task Verify_WithAWrongPassword_ReportsTheServersMessage()
    {
        var admin = await _server.AdminClientAsync();
        var body = JsonSerializer.SerializeToNode(LocalMail.AccountBody("sales@example.test", "VBAD"))!;
        body["imap"]!["password"] = "wrong-password";
        body["smtp"]!["password"] = "wrong-password";
        var id = await CreateAsync(admin, body);

        var report = await VerifyAsync(admin, id);

        Assert.False(report.GetProperty("imap").GetProperty("ok").GetBoolean());
        Assert.False(report.GetProperty("smtp").GetProperty("ok").GetBoolean());
        // Dovecot: "Authentication failed."; Postfix: "535 5.7.8 Error: authentication failed: ..."
        Assert.Contains("uthentication failed", report.GetProperty("imap").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("authentication failed", report.GetProperty("smtp").GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Verify_AgainstAClosedPort_FailsFastWithTheReason()
    {
        var admin = await _server.AdminClientAsync();
        var closedPort = FreePort();
        var body = JsonSerializer.SerializeToNode(LocalMail.AccountBody("support@example.test", "VCLO"))!;
        body["imap"]!["port"] = closedPort;
        body["smtp"]!["port"] = closedPort;
        var id = await CreateAsync(admin, body);

        var watch = Stopwatch.StartNew();
        var report = await VerifyAsync(admin, id);

        Assert.False(report.GetProperty("imap").GetProperty("ok").GetBoolean());
        Assert.Contains("refused", report.GetProperty("imap").GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Verify_AgainstAServerThatNeverAnswers_FailsWithinTheConnectionTimeout()
    {
        var admin = await _server.AdminClientAsync();
        // Accepts TCP connections but never sends a greeting, like a firewalled or hung server.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var body = JsonSerializer.SerializeToNode(LocalMail.AccountBody("support@example.test", "VSIL"))!;
        body["imap"]!["port"] = port;
        body["imap"]!["connectionTimeoutSeconds"] = 2;
        body["smtp"]!["port"] = port;
        var id = await CreateAsync(admin, body);

        var watch = Stopwatch.StartNew();
        var report = await VerifyAsync(admin, id);

        Assert.False(report.GetProperty("imap").GetProperty("ok").GetBoolean());
        Assert.Contains("within 2 s", report.GetProperty("imap").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"IMAP and SMTP checks took {watch.Elapsed}");
    }

    private static async Task<int> CreateAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/accounts", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient admin, int id)
    {
        var response = await admin.PostAsync($"/api/accounts/{id}/verify", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
