using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Integration.Inbound;

/// <summary>Bad mail never blocks the mailbox: each malformed message is kept raw, as a message or a problem.</summary>
[Collection(MailServerCollection.Name)]
public sealed class MalformedMailTests
{
    private const string Billing = "billing@example.test";
    private const int SizeLimit = 300_000;

    [Fact]
    public async Task Watcher_MalformedCorpus_StoresEachRaw_AndMovesOn()
    {
        await LocalMail.ControlAsync("reset", Billing);
        var marker = Guid.NewGuid().ToString("N");
        var corpus = Corpus(marker);
        var dir = Directory.CreateTempSubdirectory("mailroom-corpus-");
        for (var i = 0; i < corpus.Count; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, $"{i + 1}.eml"), corpus[i]);
        }

        await using var harness = await InboundHarness.StartAsync(Billing,
            new Dictionary<string, string?> { ["Mailroom:MaxInboundMessageBytes"] = SizeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await LocalMail.ControlAsync("deliver", Billing, dir.FullName);
        await LocalMail.SendAsync(LocalMail.Compose("customer@customer.test", Billing, $"After the corpus {marker}", "fine"));
        await harness.WaitForMessagesAsync($"After the corpus {marker}");

        await using (var db = harness.Database.NewContext())
        {
            foreach (var raw in corpus)
            {
                var sha = Convert.ToHexStringLower(SHA256.HashData(raw));
                var kept = await db.Messages.CountAsync(m => m.RawSha256 == sha) + await db.IngestProblems.CountAsync(p => p.RawSha256 == sha);
                Assert.True(kept == 1, $"message {corpus.IndexOf(raw) + 1} kept {kept} times");
                Assert.True(File.Exists(Path.Combine(harness.DataDirectory, "blobs", sha[..2], sha[2..4], sha)), "raw bytes in the blob store");
            }
        }

        var problems = await harness.Admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{harness.AccountId}/ingest-problems");
        var oversized = Assert.Single(problems.EnumerateArray());
        Assert.StartsWith("Oversized", oversized.GetProperty("reason").GetString(), StringComparison.Ordinal);
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Reprocess_OversizedProblem_StoresItAsAMessage()
    {
        await LocalMail.ControlAsync("reset", Billing);
        var marker = Guid.NewGuid().ToString("N");
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, HugeHeader(marker, 400_000));
        await using var harness = await InboundHarness.StartAsync(Billing,
            new Dictionary<string, string?> { ["Mailroom:MaxInboundMessageBytes"] = SizeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await LocalMail.ControlAsync("deliver", Billing, file);
        JsonElement problem = default;
        for (var i = 0; i < 200 && problem.ValueKind != JsonValueKind.Object; i++)
        {
            await Task.Delay(50);
            problem = (await harness.Admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{harness.AccountId}/ingest-problems")).EnumerateArray().FirstOrDefault();
        }

        var response = await harness.Admin.PostAsync($"/api/accounts/{harness.AccountId}/ingest-problems/{problem.GetProperty("id").GetInt64()}/reprocess", null);

        response.EnsureSuccessStatusCode();
        Assert.Single(await harness.MessagesAsync(marker));
        var again = await harness.Admin.PostAsync($"/api/accounts/{harness.AccountId}/ingest-problems/{problem.GetProperty("id").GetInt64()}/reprocess", null);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
        File.Delete(file);
    }

    private static List<byte[]> Corpus(string marker) =>
    [
        Crlf($"From: a@customer.test\nTo: billing@example.test\nSubject: Broken boundary {marker}\nMessage-ID: <bb-{marker}@customer.test>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"abc\"\n\n--abc\nContent-Type: text/plain\n\nbody\n--abd\nContent-Type: application/pdf; name=x.pdf\nContent-Transfer-Encoding: base64\n\n!!!not base64!!!\n"),
        Bytes($"From: a@customer.test\r\nTo: billing@example.test\r\nSubject: Bad charset {marker}\r\nMessage-ID: <cs-{marker}@customer.test>\r\nContent-Type: text/plain; charset=x-no-such-charset\r\nContent-Transfer-Encoding: 8bit\r\n\r\n", new byte[] { 0xE9, 0xFF, 0xFE, 0x0D, 0x0A }),
        Bytes($"From: a@customer.test\r\nTo: billing@example.test\r\nSubject: 8-bit header ", new byte[] { 0xC3, 0x28, 0xE9, 0xA0 }, $" {marker}\r\nMessage-ID: <eb-{marker}@customer.test>\r\n\r\nbody\r\n"),
        Crlf($"From: a@customer.test\nTo: billing@example.test\nSubject: No message id {marker}\n\nbody\n"),
        HugeHeader(marker, 100_000),
        HugeHeader(marker, 400_000),
        // No NUL bytes: Dovecot serves them replaced, so the bytes would no longer be the delivered ones.
        Crlf($"Subject: Garbage {marker}\n: no field name\nthis line is not a header\n\u0001\u0002\n--\n\n\n"),
    ];

    private static byte[] HugeHeader(string marker, int size) =>
        Crlf($"From: a@customer.test\nTo: billing@example.test\nSubject: Huge header {size} {marker}\nMessage-ID: <hh-{size}-{marker}@customer.test>\nX-Huge: {new string('x', size)}\n\nbody\n");

    private static byte[] Crlf(string text) => Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal));

    private static byte[] Bytes(params object[] pieces) =>
        pieces.SelectMany(p => p is string s ? Encoding.ASCII.GetBytes(s) : (byte[])p).ToArray();
}
