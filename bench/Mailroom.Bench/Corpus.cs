using System.Globalization;
using MimeKit;

namespace Mailroom.Bench;

/// <summary>Realistic mixed mail: mostly short text, some HTML, some with a PDF-sized attachment.</summary>
internal static class Corpus
{
    public static long Write(string directory, int count, string marker, string senderDomain = "customer.test")
    {
        long total = 0;
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse($"customer{i % 500}@{senderDomain}"));
            message.To.Add(MailboxAddress.Parse("support@example.test"));
            message.Subject = $"Backlog {i} {marker}";
            message.MessageId = $"bench-{i}-{marker}@customer.test";
            // A backlog written over months (a minute apart), as a mailbox's history is: 500 customers writing 20
            // mails each within seconds would be a flood, which the Held stage holds instead of routing.
            message.Date = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(i);
            var body = new BodyBuilder { TextBody = Words(random, 20 + random.Next(400)) };
            if (i % 3 == 0)
            {
                body.HtmlBody = $"<html><body><p>{Words(random, 200)}</p></body></html>";
            }

            if (i % 10 == 0)
            {
                var attachment = new byte[20_000 + random.Next(200_000)];
                random.NextBytes(attachment);
                body.Attachments.Add($"file{i}.pdf", attachment, new ContentType("application", "pdf"));
            }

            message.Body = body.ToMessageBody();
            var path = Path.Combine(directory, (i + 1).ToString(CultureInfo.InvariantCulture) + ".eml");
            message.WriteTo(path);
            total += new FileInfo(path).Length;
        }

        return total;
    }

    private static string Words(Random random, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => new string('a', 1 + random.Next(9))));
}
