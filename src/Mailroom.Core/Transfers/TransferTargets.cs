using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Transfers;

public sealed record TargetAccount(int Id, string Key, string Name, string Address);

public sealed record TargetQueue(int Id, string Name);

public sealed record TargetAgent(int Id, string DisplayName);

public sealed record TargetGroupMember(int UserId, string DisplayName, Presence Presence, int Priority, int? MaxConcurrent, bool AllowedOnAccount);

/// <summary>A group with its routing rule for the interaction's account (or none) and its members.</summary>
public sealed record TargetGroup(int Id, string Name, bool HasRoutingRule, IReadOnlyList<TargetGroupMember> Members);

/// <summary>Everything the transfer dialog may offer for one interaction; an empty list where the account does not allow that kind.</summary>
public sealed record TransferTargetList(IReadOnlyList<TargetAccount> Accounts, IReadOnlyList<TargetQueue> Queues, IReadOnlyList<TargetAgent> Agents,
    IReadOnlyList<TargetGroup> Groups);

/// <summary>Where the actor may transfer an interaction to: accounts it sees, queues, available agents, groups.</summary>
public sealed class TransferTargets(MailroomDb db)
{
    /// <summary>Active accounts other than the current one that the actor may see, if account transfer is enabled on it.</summary>
    public async Task<IReadOnlyList<TargetAccount>> AccountsAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var interaction = await RequireAsync(actor, interactionId, ct);
        var enabled = await db.Accounts.Where(a => a.Id == interaction.AccountId).Select(a => a.Transfer.AccountTransferEnabled).FirstAsync(ct);
        if (!enabled)
        {
            return [];
        }

        var visible = db.VisibleAccountIds(actor);
        return await db.Accounts.AsNoTracking().Where(a => a.Active && a.Id != interaction.AccountId && visible.Contains(a.Id))
            .OrderBy(a => a.Name).Select(a => new TargetAccount(a.Id, a.Key, a.Name, a.Address)).ToListAsync(ct);
    }

    public async Task<TransferTargetList> AllAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var interaction = await RequireAsync(actor, interactionId, ct);
        var settings = await db.Accounts.Where(a => a.Id == interaction.AccountId).Select(a => a.Transfer).FirstAsync(ct);
        var accountId = interaction.AccountId;
        IReadOnlyList<TargetQueue> queues = settings.ToQueueAllowed
            ? await db.Queues.AsNoTracking().OrderBy(q => q.Name).Select(q => new TargetQueue(q.Id, q.Name)).ToListAsync(ct)
            : [];
        IReadOnlyList<TargetAgent> agents = settings.ToAgentAllowed
            ? await db.AccountMembers.AsNoTracking()
                .Where(m => m.AccountId == accountId && m.User!.IsActive && m.User.Presence == Presence.Online && m.UserId != interaction.AssignedUserId)
                .OrderBy(m => m.User!.DisplayName).Select(m => new TargetAgent(m.UserId, m.User!.DisplayName)).ToListAsync(ct)
            : [];
        var groups = await db.Queues.AsNoTracking().OrderBy(q => q.Name)
            .Select(q => new TargetGroup(q.Id, q.Name, q.Accounts.Any(a => a.AccountId == accountId),
                q.Members.OrderBy(m => m.Priority).ThenBy(m => m.User!.DisplayName)
                    .Select(m => new TargetGroupMember(m.UserId, m.User!.DisplayName, m.User.Presence, m.Priority, m.MaxConcurrent,
                        db.AccountMembers.Any(am => am.AccountId == accountId && am.UserId == m.UserId)))
                    .ToList()))
            .ToListAsync(ct);
        return new TransferTargetList(await AccountsAsync(actor, interactionId, ct), queues, agents, groups);
    }

    private async Task<Interaction> RequireAsync(Actor actor, long interactionId, CancellationToken ct)
    {
        var visible = db.VisibleAccountIds(actor);
        return await db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == interactionId && visible.Contains(i.AccountId), ct)
            ?? throw new NotFoundException($"Interaction {interactionId}");
    }
}
