using Mailroom.Core;
using Mailroom.Core.Accounts;
using Mailroom.Core.Interactions;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Storage;

/// <summary>The same storage guarantees on the embedded default and on the scale option.</summary>
public abstract class StorageTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Migrations_ApplyOnAnEmptyDatabase_AndLeaveNothingPending()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Accounts.CountAsync());
    }

    [Fact]
    public async Task AccountKey_IsUniqueInTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            db.Accounts.Add(NewAccount("SUP"));
            await db.SaveChangesAsync();
        }

        await using var second = database.NewContext();
        second.Accounts.Add(NewAccount("SUP"));
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task MailboxMessage_IsStoredOnce_EvenIfCodeTriesTwice()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        long interactionId;
        int accountId;
        await using (var db = database.NewContext())
        {
            var account = NewAccount("ONE");
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            var interaction = new Interaction { AccountId = account.Id, CreatedAt = Now, LastActivityAt = Now };
            db.Interactions.Add(interaction);
            await db.SaveChangesAsync();
            (interactionId, accountId) = (interaction.Id, account.Id);
            db.Messages.Add(NewMessage(interactionId, accountId, uid: 7));
            await db.SaveChangesAsync();
        }

        await using var again = database.NewContext();
        again.Messages.Add(NewMessage(interactionId, accountId, uid: 7));
        await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());
    }

    [Fact]
    public async Task Timestamps_RoundTripAsUtc()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var created = new DateTime(2026, 3, 29, 1, 30, 15, DateTimeKind.Utc);
        await using (var db = database.NewContext())
        {
            var account = NewAccount("UTC");
            account.CreatedAt = created;
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
        }

        await using var read = database.NewContext();
        var stored = await read.Accounts.SingleAsync();
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
        Assert.Equal(created, stored.CreatedAt);
    }

    private static readonly DateTime Now = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    private static EmailAccount NewAccount(string key) => new() { Name = key, Key = key, Address = $"{key.ToLowerInvariant()}@example.test", CreatedAt = Now, UpdatedAt = Now };

    private static Message NewMessage(long interactionId, int accountId, long uid) => new()
    {
        InteractionId = interactionId,
        AccountId = accountId,
        RawSha256 = new string('a', 64),
        ImapMailbox = "INBOX",
        UidValidity = 1,
        Uid = uid,
        CreatedAt = Now,
    };

    public sealed class OnSqlite() : StorageTests(DatabaseProvider.Sqlite);

    [NeedsServer(NeedsServerAttribute.PostgreSql)]
    public sealed class OnPostgres() : StorageTests(DatabaseProvider.Postgres);
}
