using System.Net;
using System.Text;
using Mailroom.Server.Tests.Integration.Inbound;
using Mailroom.Server.Tests.Transfers;
using Mailroom.TestSupport;
using MimeKit;
using MimeKit.Text;

namespace Mailroom.Server.Tests.Integration.EndToEnd;

/// <summary>
/// Mail from customers who do not write English, as their clients encode it, through the real Postfix and Dovecot
/// and the real ingest: the agent who accepts the offer reads it right, and so does the transcript they download.
/// </summary>
[Collection(MailServerCollection.Name)]
public sealed class ForeignScriptMailTests
{
    private const string Support = "support@example.test";
    private const string Russian = "Здравствуйте, мой заказ не пришёл.";
    private const string Japanese = "お世話になっております。注文が届きません。";
    private const string Chinese = "您好，我的订单还没有到。";
    private const string Arabic = "مرحبا، لم يصل طلبي بعد.";
    private const string Emoji = "Спасибо 😀 👍";

    // The marker first: digits right after Arabic are, by the bidirectional algorithm, shown before it (to its left), so
    // a reader would rightly read them in another order than they were written.
    private static string Subject(string marker) => $"{marker} Заказ 注文 طلب";

    static ForeignScriptMailTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task CyrillicJapaneseChineseAndArabicMail_ReachesTheAcceptingAgent_AndItsTranscriptReadsAsWritten()
    {
        await LocalMail.ControlAsync("reset", Support);
        await using var harness = await InboundHarness.StartAsync(Support);
        var (agentId, agent) = await harness.App!.CreateUserAsync(harness.Admin);
        await TransferApi.AddMemberAsync(harness.Admin, harness.AccountId, agentId);
        await TransferApi.CreateGroupAsync(harness.Admin, [agentId], harness.AccountId);
        await TransferApi.OnlineAsync(agent);
        var marker = Guid.NewGuid().ToString("N")[..8];

        await LocalMail.SendAsync(MailInLegacyCharsets(marker));
        var stored = (await harness.WaitForMessagesAsync(marker)).Single();
        var offer = await TransferApi.OfferAsync(agent, stored.InteractionId);
        (await agent.PostAsync($"/api/offers/{offer}/accept", null)).EnsureSuccessStatusCode();

        Assert.Equal((Subject(marker), "Сергей Иванов"), (stored.Subject, stored.FromName));
        foreach (var text in new[] { Russian, Japanese, Chinese, Arabic, Emoji })
        {
            Assert.Contains(text, stored.TextBody, StringComparison.Ordinal);
        }

        var transcript = await agent.GetAsync($"/api/interactions/{stored.InteractionId}/transcript.pdf");
        Assert.Equal(HttpStatusCode.OK, transcript.StatusCode);
        var read = PdfReading.Text(await transcript.Content.ReadAsByteArrayAsync());
        foreach (var text in new[] { Russian, Japanese, Chinese, Arabic, Emoji, "Сергей Иванов", Subject(marker) })
        {
            Assert.Contains(text, read, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// As a mixed mailbox sends it: the subject and name as RFC 2047 words, Russian in windows-1251, Japanese in
    /// ISO-2022-JP, Chinese in GB2312, and Arabic with the emoji in UTF-8, each its own text part, in that order.
    /// </summary>
    private static MimeMessage MailInLegacyCharsets(string marker)
    {
        var message = new MimeMessage { Subject = Subject(marker) };
        message.From.Add(new MailboxAddress("Сергей Иванов", "sergey@customer.test"));
        message.To.Add(MailboxAddress.Parse(Support));
        var body = new Multipart("mixed");
        foreach (var (text, charset) in new[] { (Russian, "windows-1251"), (Japanese, "iso-2022-jp"), (Chinese, "gb2312"), ($"{Arabic}\n{Emoji}", "utf-8") })
        {
            var part = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.Base64 };
            part.SetText(charset, text);
            body.Add(part);
        }

        message.Body = body;
        return message;
    }
}
