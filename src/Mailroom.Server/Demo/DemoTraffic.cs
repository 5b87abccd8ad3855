using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Mailroom.Server.Demo;

/// <summary>
/// Plays the customers: every few seconds a realistic email reaches support@ or sales@ through the local
/// Postfix, some with attachments, some answering an earlier mail of the same customer.
/// </summary>
internal sealed class DemoTraffic(DemoOptions demo, TimeProvider time, ILogger<DemoTraffic> logger) : BackgroundService
{
    private static readonly (string Subject, string Body)[] Topics =
    [
        ("Where is my order #{0}?", "Hello,\n\nI ordered last week and the tracking page has not moved since Monday. Could you check order #{0}?\n\nThanks,\n{1}"),
        ("Invoice {0} is wrong", "Hi,\n\nthe invoice {0} charges me twice for shipping. Please send a corrected one.\n\nRegards,\n{1}"),
        ("Question about your premium plan", "Good morning,\n\nDoes the premium plan include phone support, and can I switch mid-month?\n\nBest,\n{1}"),
        ("Broken item in parcel {0}", "Hello,\n\nthe mug in parcel {0} arrived broken (photo attached). What can you do?\n\n{1}"),
        ("Change delivery address", "Hi there,\n\nI moved last week. Can you deliver order #{0} to my new address instead?\n\nCheers,\n{1}"),
    ];

    private static readonly string[] Customers = ["Maria Rossi", "John Smith", "Aiko Tanaka", "Lena Fischer", "Omar Haddad"];

    private readonly List<MimeMessage> _sent = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the watchers connect first, so the first mails arrive in front of the newcomer.
        await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
        for (var n = 1; !stoppingToken.IsCancellationRequested; n++)
        {
            try
            {
                await SendAsync(Next(n), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Demo mail not sent ({Reason}); is the demo mail server up? ./run.sh --demo starts it.", ex.Message);
            }

            await Task.Delay(TimeSpan.FromSeconds(n < 6 ? 4 : 25), time, stoppingToken);
        }
    }

    private MimeMessage Next(int n)
    {
        var customer = Customers[n % Customers.Length];
        // Every fourth mail answers an earlier one of ours, so threads grow.
        if (n % 4 == 0 && _sent.Count > 0)
        {
            var original = _sent[n % _sent.Count];
            var reply = Message(original.From.Mailboxes.First().Name ?? "Customer", original.To.Mailboxes.First().Address, "Re: " + original.Subject,
                "Any news on this? I am still waiting.\n\n> " + original.TextBody?.Split('\n')[0]);
            reply.InReplyTo = original.MessageId;
            reply.References.Add(original.MessageId!);
            return reply;
        }

        var (subject, body) = Topics[n % Topics.Length];
        var order = (10000 + n * 7).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var to = n % 3 == 0 ? $"sales@{DemoOptions.Domain}" : $"support@{DemoOptions.Domain}";
        var message = Message(customer, to, string.Format(System.Globalization.CultureInfo.InvariantCulture, subject, order),
            string.Format(System.Globalization.CultureInfo.InvariantCulture, body, order, customer.Split(' ')[0]));
        if (n % 5 == 3)
        {
            var builder = new BodyBuilder { TextBody = message.TextBody };
            builder.Attachments.Add("receipt.txt", System.Text.Encoding.UTF8.GetBytes($"Receipt for order {order}\nTotal: 42.00 EUR\n"), new ContentType("text", "plain"));
            message.Body = builder.ToMessageBody();
        }

        _sent.Add(message);
        return message;
    }

    private static MimeMessage Message(string customer, string to, string subject, string text)
    {
        var message = new MimeMessage();
        var local = customer.Split(' ')[0].ToLowerInvariant();
        // All demo customers share one real mailbox, so the agents' replies can be read there; the +tag (delivered
        // to that mailbox) keeps them apart as contacts, else every customer would be named after the first.
        var address = $"customer+{local}@customer.test";
        message.From.Add(new MailboxAddress(customer, address));
        message.ReplyTo.Add(new MailboxAddress(customer, address));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.test");
        message.Headers.Add("X-Demo-Customer", local);
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", demo.SmtpPort, SecureSocketOptions.None, ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
    }
}
