using Mailroom.Core.Accounts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Queues;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Transfers;

/// <summary>What transfer tests add to the routing harness: transfer settings, customer messages, more accounts.</summary>
internal static class TransferSetup
{
    public static async Task AllowAsync(this RoutingHarness h, int? accountId = null, int queueTimeout = 30, int agentTimeout = 20)
    {
        await using var db = h.Database.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.Id == (accountId ?? h.AccountId));
        account.Transfer = new TransferSettings { ToQueueAllowed = true, ToQueueTimeoutSeconds = queueTimeout, ToAgentAllowed = true, ToAgentTimeoutSeconds = agentTimeout };
        await db.SaveChangesAsync();
    }

    /// <summary>An open interaction owned by <paramref name="owner"/> (or nobody), with one customer message.</summary>
    public static async Task<long> CustomerInteractionAsync(this RoutingHarness h, int? owner, int? accountId = null, bool withCustomerMessage = true)
    {
        await using var db = h.Database.NewContext();
        var account = accountId ?? h.AccountId;
        var interaction = new Interaction { AccountId = account, Subject = "Refund", AssignedUserId = owner, CreatedAt = h.Now, LastActivityAt = h.Now };
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync();
        if (withCustomerMessage)
        {
            db.Messages.Add(new Message
            {
                InteractionId = interaction.Id,
                AccountId = account,
                Direction = MessageDirection.Incoming,
                From = "customer@customer.test",
                MessageIdHeader = $"{Guid.NewGuid():N}@customer.test",
                RawSha256 = new string('d', 64),
                CreatedAt = h.Now,
            });
            await db.SaveChangesAsync();
        }

        return interaction.Id;
    }

    public static async Task<int> AddAccountAsync(this RoutingHarness h, params int[] members)
    {
        await using var db = h.Database.NewContext();
        var key = "X" + Guid.NewGuid().ToString("N")[..4];
        var account = new EmailAccount { Name = key, Key = key, Address = $"{key}@example.test" };
        account.Members.AddRange(members.Select(m => new AccountMember { UserId = m }));
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    /// <summary>A group (queue) with members by priority and routing rules for the given accounts.</summary>
    public static async Task<int> AddGroupAsync(this RoutingHarness h, IEnumerable<(int UserId, int Priority)> members, params int[] ruleAccounts)
    {
        await using var db = h.Database.NewContext();
        var group = new MailQueue { Name = "G" + Guid.NewGuid().ToString("N")[..8], Strategy = RoutingStrategy.RingAll, AgentTimeoutSeconds = 30 };
        group.Members.AddRange(members.Select(m => new QueueMember { UserId = m.UserId, Priority = m.Priority }));
        group.Accounts.AddRange(ruleAccounts.Select(a => new QueueAccount { AccountId = a }));
        db.Queues.Add(group);
        await db.SaveChangesAsync();
        return group.Id;
    }

    public static async Task<List<TransferRecord>> RecordsAsync(this RoutingHarness h, long interactionId)
    {
        await using var db = h.Database.NewContext();
        return await db.TransferRecords.AsNoTracking().Where(r => r.InteractionId == interactionId).OrderBy(r => r.Id).ToListAsync();
    }
}
