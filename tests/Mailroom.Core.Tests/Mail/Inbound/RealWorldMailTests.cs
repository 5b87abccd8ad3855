using Mailroom.Core.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Inbound;

/// <summary>
/// Mail as real clients send it (Fixtures/*.eml, bytes as they produce them), through the real ingest path:
/// what the agent sees is the subject, the sender's name and the text, decoded, never mojibake.
/// </summary>
public sealed class RealWorldMailTests : IAsyncLifetime
{
    private IngestFixture _f = null!;

    public async Task InitializeAsync() => _f = await IngestFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Theory]
    [InlineData("windows-1251.eml", "Заказ не доставлен", "Сергей Иванов", "Здравствуйте, мой заказ не пришёл.")]
    [InlineData("koi8-r.eml", "Счёт за ноябрь", "Ольга", "Пришлите, пожалуйста, счёт.")]
    [InlineData("iso-2022-jp.eml", "注文について", "山田太郎", "お世話になっております。注文が届きません。")]
    [InlineData("shift_jis.eml", "返品のお願い", "佐藤", "商品を返品したいです。")]
    [InlineData("gb2312.eml", "订单查询", "王伟", "您好，我的订单还没有到。")]
    [InlineData("gbk.eml", "发票", "朱镕", "请开发票给朱镕。")]
    [InlineData("big5.eml", "退款問題", "陳小姐", "請問我的退款何時到帳？")]
    [InlineData("euc-kr.eml", "배송 문의", "김민수", "주문한 상품이 아직 도착하지 않았습니다.")]
    [InlineData("gb2312-label-utf8.eml", "发货时间", "李娜", "请问什么时候发货？谢谢！")]
    [InlineData("utf-7.eml", "Frösche im Teich", "Jürgen", "Grüße aus Köln")]
    public async Task Ingest_LegacyCharset_SubjectNameAndBodyReadAsWritten(string fixture, string subject, string name, string body)
    {
        var message = await IngestAsync(fixture);

        Assert.Equal((subject, name, body), (message.Subject, message.FromName, message.TextBody?.Trim()));
        await using var db = _f.Database.NewContext();
        var interaction = await db.Interactions.SingleAsync();
        Assert.Equal((subject, body), (interaction.Subject, interaction.LastMessagePreview));
    }

    [Fact]
    public async Task Ingest_TextImageTextPdfText_ShowsEveryTextInOrder_AndKeepsBothFiles()
    {
        var message = await IngestAsync("inline-parts.eml");

        Assert.Equal("First text: the lamp arrived broken, see the photo.\n\nSecond text: here is the invoice — paid in full.\n\n"
            + "Third text: please send a replacement.\nMia", message.TextBody?.ReplaceLineEndings("\n").Trim());
        Assert.Null(message.HtmlBody);
        Assert.Equal(["lamp.jpg", "invoice.pdf"], message.Attachments.Select(a => a.FileName));
    }

    [Fact]
    public async Task Ingest_AlternativeFollowedByAListFooter_ShowsTheFooterInTextAndHtml()
    {
        var message = await IngestAsync("list-footer.eml");

        Assert.StartsWith("Does the warranty cover water damage?", message.TextBody);
        Assert.Contains("Customers mailing list", message.TextBody);
        Assert.StartsWith("<div dir=\"ltr\">Does the warranty cover <b>water damage</b>?</div>", message.HtmlBody);
        Assert.Contains("Customers mailing list", message.HtmlBody);
        Assert.Empty(message.Attachments);
    }

    [Theory]
    [InlineData("richtext.eml", "Urgent: the device shows <error 42>.\nPlease call me back.")]
    [InlineData("enriched.eml", "Urgent: the device shows <error 42>. It restarts every hour.\nPlease call me back.")]
    [InlineData("empty-multipart.eml", "My order 1234 is missing a part.")]
    public async Task Ingest_RichtextEnrichedOrEmptyMultipart_ShowsItsText(string fixture, string text)
    {
        var message = await IngestAsync(fixture);

        Assert.Equal(text, message.TextBody?.ReplaceLineEndings("\n").Trim());
    }

    [Fact]
    public async Task Ingest_JunkLineBeforeTheHeaders_IsParsedFromTheHeadersOn()
    {
        var message = await IngestAsync("junk-line.eml");

        Assert.Equal(("pat@customer.test", "Forwarded from my phone", "The parcel was left outside in the rain."),
            (message.From, message.Subject, message.TextBody?.Trim()));
        await using var db = _f.Database.NewContext();
        Assert.Empty(await db.IngestProblems.ToListAsync());
    }

    [Theory]
    [InlineData("no-from-sender.eml", "forms@customer.test", "Web Form", "Sender")]
    [InlineData("no-from-reply-to.eml", "kai@customer.test", "Kai Customer", "Reply-To")]
    public async Task Ingest_NoUsableFrom_TakesTheSenderThenReplyTo_AndSaysSo(string fixture, string address, string name, string source)
    {
        var message = await IngestAsync(fixture);

        Assert.Equal((address, name, source), (message.From, message.FromName, message.FromFallback));
        await using var db = _f.Database.NewContext();
        Assert.Equal(address, (await db.Contacts.SingleAsync()).Email);
    }

    private async Task<Message> IngestAsync(string fixture)
    {
        Assert.Equal(Core.Mail.Inbound.IngestOutcome.Stored, await _f.IngestFileAsync(_f.Support, fixture));
        await using var db = _f.Database.NewContext();
        return await db.Messages.Include(m => m.Attachments).SingleAsync();
    }
}
