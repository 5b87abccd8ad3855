using Mailroom.Core.Interactions;
using Mailroom.Core.Routing;
using Mailroom.Core.Skills;
using Mailroom.Core.Storage;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Supervision;

/// <summary>
/// Why a customer still waits, in the supervisor's words: offered and ringing, waiting for its owner, or nobody to
/// offer it to — no queue serves the account, its queues have no agents, none is online, none (online) has a needed
/// skill, or all are at capacity.
/// </summary>
public static class WaitReasons
{
    public static async Task<string> WhyAsync(MailroomDb db, long interactionId, CancellationToken ct)
    {
        var interaction = await db.Interactions.AsNoTracking().FirstAsync(i => i.Id == interactionId, ct);
        var task = await db.RoutingTasks.AsNoTracking().FirstOrDefaultAsync(t => t.InteractionId == interactionId, ct);
        if (task is null or { State: RoutingState.Done })
        {
            return "not in routing: pick it from the list or assign it";
        }

        var offered = await db.Offers.CountAsync(o => o.InteractionId == interactionId && o.State == OfferState.Open, ct);
        if (offered > 0)
        {
            return offered == 1 ? "offered to 1 agent, ringing" : $"offered to {offered} agents, ringing";
        }

        if (task.Step is RoutingStep.StickyAgent or RoutingStep.PlanAgent or RoutingStep.TransferAgent && task.StickyUserId is { } agentId)
        {
            var agent = await db.Users.AsNoTracking().FirstAsync(u => u.Id == agentId, ct);
            return agent.Presence != Presence.Online ? $"waiting for {agent.DisplayName}, who is {Words(agent.Presence)}"
                : await EligibleAgents.HasRoomAsync(db, agent, interactionId, ct) ? $"waiting for {agent.DisplayName}"
                : $"waiting for {agent.DisplayName}, who is at capacity";
        }

        var queueIds = task.QueueId is { } queue ? [queue]
            : await db.QueueAccounts.AsNoTracking().Where(qa => qa.AccountId == interaction.AccountId).Select(qa => qa.QueueId).ToListAsync(ct);
        if (queueIds.Count == 0)
        {
            return "no queue serves this account";
        }

        var members = db.QueueMembers.AsNoTracking()
            .Where(m => queueIds.Contains(m.QueueId) && m.User!.IsActive && db.AccountMembers.Any(am => am.AccountId == interaction.AccountId && am.UserId == m.UserId));
        var presences = await members.Select(m => m.User!.Presence).ToListAsync(ct);
        if (presences.Count == 0)
        {
            return "its queues have no agents of this account";
        }

        // Nobody holding a needed skill is said first: unlike presence, it does not mend itself when people sign in.
        var needs = await InteractionSkills.NeedsAsync(db, interactionId, ct);
        var skills = needs.Count == 0 ? null : string.Join(" and ", (await InteractionSkills.ViewsAsync(db, interactionId, ct)).Select(s => s.Text));
        var skilled = skills is null ? presences : await members.Having(db, needs).Select(m => m.User!.Presence).ToListAsync(ct);
        if (skilled.Count == 0)
        {
            return $"no agent of its queues has the skill {skills}";
        }

        if (!presences.Contains(Presence.Online))
        {
            return "no agent of its queues is online";
        }

        if (!skilled.Contains(Presence.Online))
        {
            return $"no online agent has the skill {skills}";
        }

        foreach (var id in queueIds)
        {
            if ((await EligibleAgents.FindAsync(db, id, interaction.AccountId, interactionId, needs, ct)).Count > 0)
            {
                return "every agent with room was offered it this round; it is offered again when one is free";
            }
        }

        return skills is null ? "every online agent of its queues is at capacity" : $"every online agent with the skill {skills} is at capacity";
    }

    private static string Words(Presence presence) => presence == Presence.Paused ? "paused" : "offline";
}
