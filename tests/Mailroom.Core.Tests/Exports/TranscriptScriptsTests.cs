using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Exports;
using Mailroom.Core.Interactions;
using Mailroom.TestSupport;
using UglyToad.PdfPig;

namespace Mailroom.Core.Tests.Exports;

/// <summary>
/// The PDF transcript writes every script its embedded fonts cover, with those fonts embedded, and a PDF reader gets
/// the words back. Right-to-left runs are drawn in visual order inside /ReversedChars marked content (Skia's way,
/// from the PDF standard); <see cref="PdfReading"/> undoes that as a reader does, and is what the Arabic and Hebrew
/// assertions compare with their logical-order text.
/// </summary>
public sealed class TranscriptScriptsTests
{
    private const string Russian = "Здравствуйте, Сергей! Где мой заказ? Ёлка, йогурт";
    private const string Greek = "Καλημέρα, πού είναι η παραγγελία μου;";
    private const string Chinese = "您好，我的订单在哪里？";
    private const string Japanese = "こんにちは、注文はどこですか。カタカナ";
    private const string Korean = "안녕하세요, 주문은 어디에 있나요?";
    private const string Arabic = "مرحبا، أين طلبي؟";
    private const string Hebrew = "שלום, איפה ההזמנה שלי?";
    private const string Emoji = "Thanks 😀 👍 🚀";

    [Fact]
    public async Task Transcript_OfCyrillicChineseJapaneseKoreanArabicAndEmoji_GivesTheirWordsBack_WithNoQuestionMark()
    {
        var body = string.Join('\n', Russian, Chinese, Japanese, Korean, Arabic, Emoji);
        var pdf = await TranscriptAsync("王伟", body);

        using var document = PdfDocument.Open(pdf);
        var text = PdfReading.Text(document);
        foreach (var expected in new[] { Russian, Chinese, Japanese, Korean, Arabic, Emoji, "王伟" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("?", text.Replace(Russian, "").Replace(Korean, ""), StringComparison.Ordinal);
        var fonts = document.GetPages().SelectMany(p => p.Letters).GroupBy(l => l.Value).ToDictionary(g => g.Key, g => g.First().FontName ?? "");
        Assert.Contains("DejaVuSans", fonts["д"], StringComparison.Ordinal);
        Assert.Contains("DroidSansFallback", fonts["订"], StringComparison.Ordinal);
        Assert.Contains("DroidSansFallback", fonts["안"], StringComparison.Ordinal);
        Assert.Contains("Symbola", fonts["🚀"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_OfCyrillicGreekArabicAndHebrewMail_HasTheirText_InTheEmbeddedFont()
    {
        var many = new string(Enumerable.Range(0x0400, 0x100).Concat(Enumerable.Range(0x0370, 0x80)).Select(c => (char)c)
            .Where(c => char.IsLetter(c)).ToArray());
        var pdf = await TranscriptAsync("Сергей Иванов", $"{Russian}\n{Greek}\n{Arabic}\n{Hebrew}\n{many}\nLatin still: Grüße, café.");

        using var document = PdfDocument.Open(pdf);
        var text = PdfReading.Text(document);
        foreach (var expected in new[] { Russian, Greek, Arabic, Hebrew, many, "Сергей Иванов", "Заказ", "Grüße, café." })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Contains(document.GetPages().SelectMany(p => p.Letters), l => l.Value == "L" && (l.FontName ?? "").Contains("DejaVu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transcript_WhatNoEmbeddedFontDraws_IsOneQuestionMarkEach_AndTheRestStays()
    {
        // U+1FAE8 (shaking face, Unicode 15) is newer than every embedded face; U+FE0F (emoji style) is invisible.
        var pdf = await TranscriptAsync("Ann", "Thanks \U0001FAE8 Спасибо 東京 ❤\uFE0F");

        using var document = PdfDocument.Open(pdf);
        Assert.Contains("Thanks ? Спасибо 東京 ❤", PdfReading.Text(document), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_WithChineseText_EmbedsOnlyTheGlyphsItUses()
    {
        // The CJK face is 3.4 MB; embedded whole (as Skia would) it makes every such transcript megabytes.
        var pdf = await TranscriptAsync("王伟", Chinese);

        Assert.InRange(pdf.Length, 1, 60_000);
    }

    [Fact]
    public async Task Transcript_OfALongParagraphWithoutSpaces_WrapsItWithinThePage()
    {
        var chinese = string.Concat(Enumerable.Repeat(Chinese, 40));

        using var document = PdfDocument.Open(await TranscriptAsync("王伟", chinese));

        var letters = document.GetPages().SelectMany(p => p.Letters).Where(l => l.Value == "订").ToList();
        Assert.Contains(chinese, PdfReading.Text(document), StringComparison.Ordinal);
        Assert.True(letters.Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count() > 5);
        Assert.All(letters, l => Assert.InRange(l.EndBaseLine.X, 50, 545.5));
    }

    private static async Task<byte[]> TranscriptAsync(string name, string body)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();
        var account = new EmailAccount { Name = "Support", Key = "SUP", Address = "support@example.test" };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        var interaction = db.Interactions.Add(new Interaction { AccountId = account.Id, Subject = "Заказ 1042" }).Entity;
        await db.SaveChangesAsync();
        db.Messages.Add(new Message
        {
            InteractionId = interaction.Id,
            AccountId = account.Id,
            Direction = MessageDirection.Incoming,
            From = "sergei@customer.test",
            FromName = name,
            To = "support@example.test",
            Subject = "Заказ 1042",
            TextBody = body,
            RawSha256 = "none",
        });
        await db.SaveChangesAsync();
        using var output = new MemoryStream();
        await new InteractionTranscript(db, TimeProvider.System).WriteAsync(Actor.System, interaction.Id, listAttachments: false, output, default);
        return output.ToArray();
    }
}
