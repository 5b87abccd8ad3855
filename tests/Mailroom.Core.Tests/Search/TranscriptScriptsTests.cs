using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Search;
using Mailroom.TestSupport;
using UglyToad.PdfPig;

namespace Mailroom.Core.Tests.Search;

/// <summary>The PDF transcript writes the scripts its embedded font covers, with that font embedded.</summary>
public sealed class TranscriptScriptsTests
{
    private const string Russian = "Здравствуйте, Сергей! Где мой заказ? Ёлка, йогурт";
    private const string Greek = "Καλημέρα, πού είναι η παραγγελία μου;";
    private const string Arabic = "مرحبا، أين طلبي؟";
    private const string Hebrew = "שלום, איפה ההזמנה שלי?";

    [Fact]
    public async Task Transcript_OfCyrillicGreekArabicAndHebrewMail_HasTheirText_InTheEmbeddedFont()
    {
        // More distinct characters than one embedded simple font carries (256 codes): the face is added again.
        var many = new string(Enumerable.Range(0x0400, 0x100).Concat(Enumerable.Range(0x0370, 0x80)).Select(c => (char)c)
            .Where(c => char.IsLetter(c)).ToArray());
        var pdf = await TranscriptAsync("Сергей Иванов", $"{Russian}\n{Greek}\n{Arabic}\n{Hebrew}\n{many}\nLatin still: Grüße, café.");

        using var document = PdfDocument.Open(pdf);
        var letters = document.GetPages().SelectMany(p => p.Letters).ToList();
        var text = string.Concat(letters.Select(l => l.Value));
        foreach (var expected in new[] { Russian, Greek, Arabic, Hebrew, "Сергей Иванов", "Заказ", "Grüße, café." })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Contains(many[^1].ToString(), text, StringComparison.Ordinal);
        Assert.Contains(letters, l => l.Value == "Ж" && (l.FontName ?? "").Contains("DejaVu", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(letters, l => l.Value == "L" && (l.FontName ?? "").Contains("Helvetica", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Transcript_WhatNoEmbeddedFontDraws_IsOneQuestionMarkEach_AndTheRestStays()
    {
        var pdf = await TranscriptAsync("Ann", "Thanks 😀 Спасибо 東京");

        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
        Assert.Contains("Thanks ? Спасибо ??", text, StringComparison.Ordinal);
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
        await new InteractionTranscript(db).WriteAsync(Actor.System, interaction.Id, listAttachments: false, output, default);
        return output.ToArray();
    }
}
