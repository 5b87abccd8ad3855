using System.Globalization;
using System.Text;
using Mailroom.Core;
using Mailroom.Core.Accounts;
using Mailroom.Core.Contacts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Bench.Search;

internal sealed record World(int Supervisor, int[] AccountIds, int Contacts, int Interactions, long FirstInteractionId);

/// <summary>Fills a database through the EF model (so the full-text triggers and generated columns run as in production).</summary>
internal static class Generator
{
    public static readonly DateTime Start = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string ContactEmail(int n) => $"c{n}.customer{n % 97}@mail{n % 50}.test";

    /// <summary>The world a previous run generated in a kept database, or null when it is empty.</summary>
    public static async Task<World?> FindAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        if (!await db.Interactions.AnyAsync())
        {
            return null;
        }

        return new World(
            await db.Users.Where(u => u.Role == Role.Supervisor).Select(u => u.Id).SingleAsync(),
            await db.Accounts.OrderBy(a => a.Id).Select(a => a.Id).ToArrayAsync(),
            await db.Contacts.CountAsync(),
            await db.Interactions.CountAsync(),
            await db.Interactions.MinAsync(i => i.Id));
    }

    public static async Task<World> FillAsync(TestDatabase database, int messageCount)
    {
        var random = new Random(42);
        var interactionCount = messageCount / 4;
        var contactCount = Math.Max(1, interactionCount / 3);
        int supervisor;
        int[] accountIds;
        int[] agents;
        await using (var db = database.NewContext())
        {
            var list = new ContactList { Name = "Default", CreatedAt = Start };
            db.Add(list);
            var accounts = Enumerable.Range(0, 20).Select(n => new EmailAccount
            {
                Name = $"Account {n}",
                Key = $"A{n:D2}",
                Address = $"a{n}@example.test",
                CreatedAt = Start,
                UpdatedAt = Start,
            }).ToList();
            db.AddRange(accounts);
            var users = Enumerable.Range(0, 101).Select(n => new User
            {
                Email = $"u{n}@example.test",
                DisplayName = n == 0 ? "Supervisor" : $"Agent {n}",
                Role = n == 0 ? Role.Supervisor : Role.Agent,
                CreatedAt = Start,
            }).ToList();
            db.AddRange(users);
            await db.SaveChangesAsync();
            supervisor = users[0].Id;
            accountIds = [.. accounts.Select(a => a.Id)];
            agents = [.. users.Skip(1).Select(u => u.Id)];
            db.AccountMembers.AddRange(accounts.Select(a => new AccountMember { AccountId = a.Id, UserId = supervisor }));
            for (var n = 0; n < agents.Length; n++)
            {
                db.AccountMembers.Add(new AccountMember { AccountId = accountIds[n % 20], UserId = agents[n] });
            }

            await db.SaveChangesAsync();
            for (var start = 0; start < contactCount; start += 5000)
            {
                await using var batch = database.NewContext();
                batch.ChangeTracker.AutoDetectChangesEnabled = false;
                batch.Contacts.AddRange(Enumerable.Range(start, Math.Min(5000, contactCount - start)).Select(n => new Contact
                {
                    ListId = list.Id,
                    FirstName = Vocabulary.Medium[n % Vocabulary.Medium.Length],
                    LastName = Vocabulary.Medium[(n * 7) % Vocabulary.Medium.Length],
                    Email = ContactEmail(n),
                    CreatedAt = Start,
                }));
                await batch.SaveChangesAsync();
            }
        }

        int firstContact;
        await using (var db = database.NewContext())
        {
            firstContact = await db.Contacts.MinAsync(c => c.Id);
        }

        long firstInteraction = 0;
        const int perBatch = 10_000;
        var span = TimeSpan.FromDays(365).Ticks;
        for (var start = 0; start < interactionCount; start += perBatch)
        {
            await using var db = database.NewContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = new List<Interaction>();
            for (var n = start; n < Math.Min(interactionCount, start + perBatch); n++)
            {
                var created = Start.AddTicks(span / interactionCount * n);
                var open = random.NextDouble() < 0.2;
                var agent = random.NextDouble() < 0.7 ? agents[random.Next(agents.Length)] : (int?)null;
                batch.Add(new Interaction
                {
                    AccountId = accountIds[random.Next(20)],
                    ContactId = firstContact + random.Next(contactCount),
                    Subject = Sentence(random, 5),
                    Status = open ? InteractionStatus.Open : InteractionStatus.Closed,
                    AssignedUserId = open ? agent : null,
                    FirstAgentId = agent,
                    UnreadCount = open && random.NextDouble() < 0.5 ? 1 : 0,
                    CreatedAt = created,
                    LastActivityAt = created.AddHours(3),
                    ClosedAt = open ? null : created.AddHours(3),
                    FirstResponseAt = agent is null ? null : created.AddHours(1),
                    LastMessagePreview = "…",
                    LastMessageDirection = MessageDirection.Incoming,
                });
            }

            db.Interactions.AddRange(batch);
            await db.SaveChangesAsync();
            firstInteraction = firstInteraction == 0 ? batch[0].Id : firstInteraction;
            var messages = new List<Message>();
            foreach (var interaction in batch)
            {
                for (var m = 0; m < 4; m++)
                {
                    var incoming = m % 2 == 0;
                    messages.Add(new Message
                    {
                        InteractionId = interaction.Id,
                        AccountId = interaction.AccountId,
                        Direction = incoming ? MessageDirection.Incoming : MessageDirection.Outgoing,
                        Kind = incoming ? MessageKind.Customer : MessageKind.Agent,
                        From = incoming ? ContactEmail(interaction.ContactId!.Value - firstContact) : "agent@example.test",
                        To = "a@example.test",
                        Subject = (m == 0 ? "" : "Re: ") + interaction.Subject,
                        TextBody = Body(random),
                        RawSha256 = new string('a', 64),
                        CreatedAt = interaction.CreatedAt.AddMinutes(m * 40),
                    });
                }
            }

            await BulkMessages.WriteAsync(db, database.Provider, messages);
            if (start % 50_000 == 0)
            {
                Console.Error.Write($"\r{start * 4:N0} messages");
            }
        }

        Console.Error.WriteLine();
        await using (var db = database.NewContext())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.ExecuteSqlRawAsync(database.Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE" : "ANALYZE");
        }

        return new World(supervisor, accountIds, contactCount, interactionCount, firstInteraction);
    }

    private static string Sentence(Random random, int words)
    {
        var text = new StringBuilder();
        for (var n = 0; n < words; n++)
        {
            text.Append(n == 0 ? "" : " ").Append(Word(random));
        }

        return text.ToString();
    }

    /// <summary>About 60 words: mostly filler, each common word in a good share of messages, a rare code in ~1 of 5.</summary>
    private static string Body(Random random)
    {
        var text = new StringBuilder(Sentence(random, 50 + random.Next(20)));
        if (random.Next(5) == 0)
        {
            text.Append(' ').Append(Vocabulary.RareWord(random.Next(200_000)));
        }

        return text.ToString();
    }

    private static string Word(Random random) => random.Next(100) switch
    {
        < 6 => Vocabulary.Common[random.Next(Vocabulary.Common.Length)],
        < 16 => Vocabulary.Medium[random.Next(Vocabulary.Medium.Length)],
        _ => Vocabulary.Filler[random.Next(Vocabulary.Filler.Length)],
    };
}
