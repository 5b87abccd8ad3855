using Mailroom.Core.Accounts;
using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Queues;

/// <summary>
/// Administration of mail queues (groups): members with priorities, and the accounts they serve. Anyone but an
/// administrator reads only the queues that serve one of their accounts or that they answer in, and of the
/// accounts a queue serves only their own.
/// </summary>
public sealed class QueueCommands(MailroomDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<QueueView>> ListAsync(Actor actor, CancellationToken ct)
    {
        var queues = await Visible(actor).OrderBy(q => q.Name).ToListAsync(ct);
        return await ViewsAsync(actor, queues, ct);
    }

    public async Task<QueueView> GetAsync(Actor actor, int id, CancellationToken ct)
    {
        var queue = await Visible(actor).FirstOrDefaultAsync(q => q.Id == id, ct) ?? throw new NotFoundException($"Queue {id}");
        return (await ViewsAsync(actor, [queue], ct))[0];
    }

    public async Task<QueueView> CreateAsync(Actor actor, QueueInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var queue = new MailQueue { Name = "", CreatedAt = time.GetUtcNow().UtcDateTime };
        await ApplyAsync(queue, input, ct);
        db.Queues.Add(queue);
        var (members, accounts) = await NamesAsync(queue, ct);
        db.Audit(actor, "queue created", $"queue {queue.Name}", string.Join("; ", new[]
        {
            $"strategy {queue.Strategy}", AuditTrail.Membership([], members) is { } m ? "members " + m : null,
            AuditTrail.Membership([], accounts) is { } a ? "accounts " + a : null,
        }.OfType<string>()), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return QueueView.From(queue);
    }

    public async Task<QueueView> UpdateAsync(Actor actor, int id, QueueInput input, CancellationToken ct)
    {
        actor.RequireAdmin();
        var queue = await LoadAsync(id, ct);
        var before = (queue.Name, queue.Strategy, queue.AgentTimeoutSeconds, queue.Weight, Names: await NamesAsync(queue, ct),
            Limits: queue.Members.ToDictionary(m => m.UserId, m => (m.Priority, m.MaxConcurrent)));
        await ApplyAsync(queue, input, ct);
        var after = await NamesAsync(queue, ct);
        var changes = new[]
        {
            AuditTrail.Changes(("name", before.Name, queue.Name), ("strategy", before.Strategy, queue.Strategy),
                ("agent timeout", before.AgentTimeoutSeconds, queue.AgentTimeoutSeconds), ("weight", before.Weight, queue.Weight)),
            AuditTrail.Membership(before.Names.Members, after.Members) is { } m ? "members " + m : null,
            AuditTrail.Membership(before.Names.Accounts, after.Accounts) is { } a ? "accounts " + a : null,
            queue.Members.Any(m => before.Limits.TryGetValue(m.UserId, out var was) && was != (m.Priority, m.MaxConcurrent))
                ? "member priorities or limits changed" : null,
        }.OfType<string>().ToList();
        if (changes.Count > 0)
        {
            db.Audit(actor, "queue changed", $"queue {queue.Name}", string.Join("; ", changes), time.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(ct);
        return QueueView.From(queue);
    }

    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireAdmin();
        var queue = await LoadAsync(id, ct);
        db.Queues.Remove(queue);
        db.Audit(actor, "queue deleted", $"queue {queue.Name}", null, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    private async Task ApplyAsync(MailQueue queue, QueueInput input, CancellationToken ct)
    {
        // A JSON null binds over the record's empty default.
        if (input.Members is null || input.AccountIds is null)
        {
            throw ValidationFailedException.For(input.Members is null ? "members" : "accountIds", "must be a list (it may be empty).");
        }

        var v = new Validator()
            .Required("name", input.Name).Length("name", input.Name, 1, 100)
            .Range("agentTimeoutSeconds", input.AgentTimeoutSeconds, 1, 2147483)
            .Range("weight", input.Weight, 0, 10)
            .When(!Enum.IsDefined(input.Strategy), "strategy", "must be ringAll, roundRobinMemory, leastRecent, fewestOpen or random.")
            .When(input.Members.Select(m => m.UserId).Distinct().Count() != input.Members.Count, "members", "lists an agent twice.");
        var userIds = input.Members.Select(m => m.UserId).ToList();
        var knownUsers = await db.Users.CountAsync(u => userIds.Contains(u.Id), ct);
        v.When(knownUsers != userIds.Distinct().Count(), "members", "names a user that does not exist.");
        var knownAccounts = await db.Accounts.CountAsync(a => input.AccountIds.Contains(a.Id), ct);
        v.When(knownAccounts != input.AccountIds.Distinct().Count(), "accountIds", "names an account that does not exist.");
        var name = input.Name?.Trim();
        v.When(await db.Queues.AnyAsync(q => q.Name == name && q.Id != queue.Id, ct), "name", $"'{name}' is already used by another queue.");
        v.ThrowIfInvalid();

        queue.Name = name!;
        queue.Description = input.Description;
        queue.Strategy = input.Strategy;
        queue.AgentTimeoutSeconds = input.AgentTimeoutSeconds;
        queue.Weight = input.Weight;
        queue.Members.Clear();
        queue.Members.AddRange(input.Members.Select(m => new QueueMember { UserId = m.UserId, Priority = m.Priority, MaxConcurrent = m.MaxConcurrent }));
        queue.Accounts.Clear();
        queue.Accounts.AddRange(input.AccountIds.Distinct().Select(a => new QueueAccount { AccountId = a }));
    }

    // Members by email and accounts by key, as the audit log names them.
    private async Task<(List<string> Members, List<string> Accounts)> NamesAsync(MailQueue queue, CancellationToken ct)
    {
        var userIds = queue.Members.Select(m => m.UserId).ToList();
        var accountIds = queue.Accounts.Select(a => a.AccountId).ToList();
        return (await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Email).ToListAsync(ct),
            await db.Accounts.Where(a => accountIds.Contains(a.Id)).Select(a => a.Key).ToListAsync(ct));
    }

    private IQueryable<MailQueue> Visible(Actor actor)
    {
        var queues = db.Queues.AsNoTracking().Include(q => q.Members).Include(q => q.Accounts);
        if (actor.IsAdmin)
        {
            return queues;
        }

        var accounts = db.VisibleAccountIds(actor);
        return queues.Where(q => q.Accounts.Any(a => accounts.Contains(a.AccountId)) || q.Members.Any(m => m.UserId == actor.UserId));
    }

    private async Task<IReadOnlyList<QueueView>> ViewsAsync(Actor actor, IReadOnlyList<MailQueue> queues, CancellationToken ct)
    {
        if (actor.IsAdmin)
        {
            return queues.Select(QueueView.From).ToList();
        }

        var accounts = (await db.VisibleAccountIds(actor).ToListAsync(ct)).ToHashSet();
        return queues.Select(QueueView.From).Select(view => view with { AccountIds = view.AccountIds.Where(accounts.Contains).ToList() }).ToList();
    }

    private async Task<MailQueue> LoadAsync(int id, CancellationToken ct) =>
        await db.Queues.Include(q => q.Members).Include(q => q.Accounts).FirstOrDefaultAsync(q => q.Id == id, ct)
        ?? throw new NotFoundException($"Queue {id}");
}
