using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.TestSupport;

/// <summary>Puts an interaction with one incoming message straight into a test server's database.</summary>
public static class Seed
{
    /// <param name="age">How long ago the customer wrote (default: just now).</param>
    /// <param name="from">The customer's address, where a reply goes.</param>
    public static async Task<long> InteractionAsync(MailroomApp server, int accountId, string subject, string? html = null, string text = "Hello",
        TimeSpan? age = null, string from = "customer@customer.test")
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDb>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime - (age ?? TimeSpan.Zero);
        var interaction = new Interaction
        {
            AccountId = accountId,
            Subject = subject,
            CreatedAt = now,
            LastActivityAt = now,
            UnreadCount = 1,
            LastMessagePreview = text,
            LastMessageDirection = MessageDirection.Incoming,
            LastMessageAt = now,
        };
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync();
        db.Messages.Add(new Message
        {
            InteractionId = interaction.Id,
            AccountId = accountId,
            Direction = MessageDirection.Incoming,
            From = from,
            To = "support@example.test",
            Subject = subject,
            TextBody = text,
            HtmlBody = html,
            MessageIdHeader = $"{Guid.NewGuid():N}@customer.test",
            RawSha256 = new string('c', 64),
            CreatedAt = now,
        });
        db.Append(new InteractionCreated(interaction.Id, accountId), now, accountId, interaction.Id);
        await db.SaveChangesAsync();
        return interaction.Id;
    }
}
