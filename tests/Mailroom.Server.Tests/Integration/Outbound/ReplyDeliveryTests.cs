using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Mailroom.TestSupport;
using MimeKit;

namespace Mailroom.Server.Tests.Integration.Outbound;

/// <summary>Replies through the real Postfix into the customer's real Dovecot mailbox.</summary>
[Collection(MailServerCollection.Name)]
public sealed class ReplyDeliveryTests(OutboundApp app) : IClassFixture<OutboundApp>
{
    [Fact]
    public async Task Reply_IsDeliveredToTheCustomer_WithThreadingHeadersAndTheAccountAsSender()
    {
        var seeded = await app.CustomerWritesAsync(app.SupportAccountId, new IncomingMailSeed.Customer
        {
            References = "<earlier@customer.test>",
            Cc = "customer2@customer.test",
        });

        var queued = await PostAsync($"/api/interactions/{seeded.InteractionId}/reply-all", new { body = "<p>Your parcel left today.</p>" });

        var received = await LocalMail.WaitForAsync("customer@customer.test", seeded.Subject);
        Assert.Equal("support@example.test", received.From.Mailboxes.Single().Address);
        Assert.Equal("support@example.test", received.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal(seeded.MessageIdHeader, received.InReplyTo);
        Assert.Equal(["earlier@customer.test", seeded.MessageIdHeader], received.References.ToArray());
        Assert.Equal(queued.GetProperty("messageIdHeader").GetString(), received.MessageId);
        Assert.Contains("Your parcel left today.", received.TextBody, StringComparison.Ordinal);
        // Reply all: the Cc'd colleague got it too.
        await LocalMail.WaitForAsync("customer2@customer.test", seeded.Subject);
        var delivery = await app.WaitForDeliveryAsync(queued.GetProperty("messageId").GetInt64(), d => d.GetProperty("state").GetString() == "sent");
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Reply_WithBcc_ReachesTheBccRecipientWithoutTheHeader()
    {
        var seeded = await app.CustomerWritesAsync(app.SupportAccountId);

        await PostAsync($"/api/interactions/{seeded.InteractionId}/reply", new { body = "Noted.", format = "text", bcc = new[] { "customer2@customer.test" } });

        var atBcc = await LocalMail.WaitForAsync("customer2@customer.test", seeded.Subject);
        var atCustomer = await LocalMail.WaitForAsync("customer@customer.test", seeded.Subject);
        Assert.Empty(atBcc.Bcc);
        Assert.Empty(atCustomer.Bcc);
        Assert.DoesNotContain(atCustomer.Headers, h => h.Id == HeaderId.Bcc);
    }

    [Fact]
    public async Task Upload_Of15MB_IsAcceptedAndDeliveredIntact()
    {
        var bytes = RandomNumberGenerator.GetBytes(15 * 1024 * 1024);
        var upload = await UploadAsync("manual.bin", bytes);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var uploadId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("uploadId").GetString();
        var seeded = await app.CustomerWritesAsync(app.SupportAccountId);

        await PostAsync($"/api/interactions/{seeded.InteractionId}/reply",
            new { body = "The manual is attached.", attachments = new[] { new { uploadId, fileName = "manual.bin", contentType = "application/octet-stream" } } });

        var received = await LocalMail.WaitForAsync("customer@customer.test", seeded.Subject, TimeSpan.FromSeconds(60));
        var part = Assert.Single(received.Attachments.OfType<MimePart>());
        using var decoded = new MemoryStream();
        await part.Content!.DecodeToAsync(decoded);
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(decoded.ToArray()));
    }

    [Fact]
    public async Task Upload_Of16MB_Answers400NamingTheFileAndTheLimit()
    {
        var response = await UploadAsync("report.pdf", new byte[16 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("file: report.pdf is 16.0 MB; the limit is 15 MB", problem.GetProperty("errors").GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task Send_WithAWrongSmtpPassword_FailsForGoodWithTheServersText_AndCanBeRetried()
    {
        var body = JsonSerializer.SerializeToNode(LocalMail.AccountBody("billing@example.test", "BIL" + Random.Shared.Next(10, 99), transfer: new { }))!;
        body["smtp"]!["password"] = "wrong-password";
        var accountId = await app.CreateAccountAsync(body, app.AgentId);
        var seeded = await app.CustomerWritesAsync(accountId, new IncomingMailSeed.Customer { To = "billing@example.test" });

        var queued = await PostAsync($"/api/interactions/{seeded.InteractionId}/reply", new { body = "Invoice attached." });
        var messageId = queued.GetProperty("messageId").GetInt64();

        var delivery = await app.WaitForDeliveryAsync(messageId, d => d.GetProperty("state").GetString() == "failed");
        Assert.Contains("authentication failed", delivery.GetProperty("lastError").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        var retried = await app.Agent.PostAsync($"/api/messages/{messageId}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("failed", (await app.WaitForDeliveryAsync(messageId, d => d.GetProperty("attempts").GetInt32() == 1 && d.GetProperty("state").GetString() == "failed")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Reply_FromAnAccountThatKeepsSentCopies_IsAppendedToItsSentFolder()
    {
        var body = JsonSerializer.SerializeToNode(LocalMail.AccountBody("sales@example.test", "SAL" + Random.Shared.Next(10, 99), transfer: new { }))!;
        body["saveCopyToSentFolder"] = true;
        var accountId = await app.CreateAccountAsync(body, app.AgentId);
        var seeded = await app.CustomerWritesAsync(accountId, new IncomingMailSeed.Customer { To = "sales@example.test" });

        var queued = await PostAsync($"/api/interactions/{seeded.InteractionId}/reply", new { body = "Quote attached." });

        await LocalMail.WaitForAsync("customer@customer.test", seeded.Subject);
        var copy = await WaitInSentAsync("sales@example.test", seeded.Subject);
        Assert.Equal(queued.GetProperty("messageIdHeader").GetString(), copy.MessageId);
    }

    [Fact]
    public async Task NewMessage_IsDeliveredAndStartsAnInteraction()
    {
        var subject = "Offer " + Guid.NewGuid().ToString("N");

        var queued = await PostAsync("/api/messages", new { accountId = app.SupportAccountId, to = new[] { "customer@customer.test" }, subject, body = "<p>Hi</p>" });

        var received = await LocalMail.WaitForAsync("customer@customer.test", subject);
        Assert.Equal("support@example.test", received.From.Mailboxes.Single().Address);
        Assert.True(queued.GetProperty("interactionId").GetInt64() > 0);
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await app.Agent.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<MimeMessage> WaitInSentAsync(string user, string subject)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var imap = new MailKit.Net.Imap.ImapClient();
            await imap.ConnectAsync(LocalMail.Host, TestEnvironment.ImapPort, MailKit.Security.SecureSocketOptions.None);
            await imap.AuthenticateAsync(user, LocalMail.Passwords[user]);
            var sent = imap.GetFolder(MailKit.SpecialFolder.Sent) ?? throw new InvalidOperationException("No special-use Sent folder.");
            await sent.OpenAsync(MailKit.FolderAccess.ReadOnly);
            var uids = await sent.SearchAsync(MailKit.Search.SearchQuery.SubjectContains(subject));
            if (uids.Count > 0)
            {
                return await sent.GetMessageAsync(uids[^1]);
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"No copy of '{subject}' in {user}'s Sent folder.");
            await Task.Delay(200);
        }
    }

    private async Task<HttpResponseMessage> UploadAsync(string fileName, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await app.Agent.PostAsync("/api/uploads", form);
    }
}
