using Mailroom.Core.Common;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Mail.Inbound.Leases;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Setup;

/// <summary>One line of the administrator's checklist: done or not, what is missing in words, where to fix it.</summary>
public sealed record SetupItem(bool Done, string Title, string? Problem, string Link);

/// <summary>
/// What an administrator sees after signing in: whether mail can reach an agent yet. Each item names what is
/// missing (no account, an account nobody works, no queue, a queue member who cannot see one of the queue's
/// accounts, a mailbox that cannot be read, a disk that was full) and links to the page that fixes it.
/// </summary>
public sealed class SetupChecklist(MailroomDb db, WatcherStatuses watchers, StorageAlarm storage)
{
    public async Task<IReadOnlyList<SetupItem>> RunAsync(Actor actor, CancellationToken ct)
    {
        actor.RequireAdmin();
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Name).Select(a => new { a.Id, a.Name, a.Address, a.Active }).ToListAsync(ct);
        var agentMembers = await db.AccountMembers.AsNoTracking()
            .Where(m => m.User!.IsActive && m.User.Role == Role.Agent)
            .Select(m => new { m.AccountId, m.UserId })
            .ToListAsync(ct);
        var queues = await db.Queues.AsNoTracking().AsSplitQuery().OrderBy(q => q.Name)
            .Select(q => new
            {
                q.Name,
                Members = q.Members.Select(m => new { m.UserId, m.User!.DisplayName }).ToList(),
                Accounts = q.Accounts.Select(a => a.AccountId).ToList(),
            })
            .ToListAsync(ct);

        var names = accounts.ToDictionary(a => a.Id, a => a.Name);
        var nobodyWorks = accounts.Where(a => a.Active && !agentMembers.Any(m => m.AccountId == a.Id)).Select(a => a.Name).ToList();
        var cannotSee = queues
            .SelectMany(q => q.Members.SelectMany(m => q.Accounts
                .Where(accountId => !agentMembers.Any(am => am.AccountId == accountId && am.UserId == m.UserId) && names.ContainsKey(accountId))
                .Select(accountId => $"{m.DisplayName} is in queue {q.Name} but not a member of {names[accountId]}")))
            .ToList();
        var statuses = await watchers.ListAsync(accounts.Where(a => a.Active).Select(a => a.Id).ToList(), ct);
        var failing = accounts.Where(a => a.Active)
            .Select(a => (a.Name, a.Address, Status: statuses[a.Id]))
            .Where(a => a.Status.State is WatcherState.Reconnecting or WatcherState.Error or WatcherState.SignInNeeded)
            .Select(a => $"{a.Name} ({a.Address}): {a.Status.LastError}")
            .ToList();

        return
        [
            new(accounts.Count > 0, "Connect an email account", accounts.Count > 0 ? null : "No email account yet: Mailroom has no mailbox to read.", "/admin/accounts"),
            new(accounts.Count > 0 && nobodyWorks.Count == 0, "Add agents to every account",
                nobodyWorks.Count == 0 ? null : $"No agent is a member of {string.Join(", ", nobodyWorks)}: its mail reaches nobody.", "/admin/accounts"),
            new(queues.Count > 0, "Create a queue", queues.Count > 0 ? null : "No queue yet: new mail waits without being offered to anyone.", "/admin/queues"),
            new(queues.Count > 0 && cannotSee.Count == 0, "Queue members can see the queue's accounts",
                cannotSee.Count == 0 ? null : string.Join("; ", cannotSee) + ".", "/admin/queues"),
            new(accounts.Count > 0 && failing.Count == 0, "Every mailbox is being read",
                failing.Count == 0 ? null : "Cannot read " + string.Join("; ", failing), "/admin/accounts"),
            // Only while it matters: a disk that was full is no step of setting up, but nothing else works until it has room.
            .. storage.Problem is { } full ? [new SetupItem(false, "Make room on Mailroom's disk", full, "/")] : Array.Empty<SetupItem>(),
        ];
    }
}
