using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Routing;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Transfers;

/// <summary>
/// Transfers an interaction to another agent, where the account allows it: only to an agent of the
/// account who is online, not paused and has room. The agent is offered it for the account's agent-transfer timeout; if
/// not accepted in time it returns to the sender, unread.
/// </summary>
public sealed class TransferToAgent(MailroomDb db, TimeProvider time)
{
    public async Task<TransferRecord> RunAsync(Actor actor, long interactionId, int userId, int? expectedVersion, CancellationToken ct)
    {
        var (interaction, account) = await db.RequireMovableAsync(actor, interactionId, expectedVersion, ct);
        if (!account.Transfer.ToAgentAllowed)
        {
            throw new TransferRefusedException(TransferRefusal.NotAllowedByAccount,
                $"Transfer to an agent is not allowed on '{account.Key}'; an administrator can allow it in the account's Transfer settings.");
        }

        if (userId == interaction.AssignedUserId)
        {
            throw new TransferRefusedException(TransferRefusal.AlreadyThere, "This agent already has the interaction.");
        }

        var agent = await db.RequireAvailableAgentAsync(userId, account.Id, "userId", ct);
        // Routing never offers beyond capacity, so the transfer would only ring out and come back: say so now.
        if (!await EligibleAgents.HasRoomAsync(db, agent, interactionId, ct))
        {
            throw new TransferRefusedException(TransferRefusal.AgentFull,
                $"{agent.DisplayName} has no room (capacity {agent.EmailCapacity}); choose someone else or try again when they close one.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var returnTo = interaction.AssignedUserId ?? actor.UserId;
        var record = await db.BeginOfferedAsync(actor, interaction, TransferKind.Agent, RoutingStep.TransferAgent, null, agent.Id, returnTo,
            now.AddSeconds(account.Transfer.ToAgentTimeoutSeconds), now, ct);
        db.Record(interactionId, actor.UserId, "transferred-to-agent", agent.DisplayName, now);
        db.Append(new InteractionTransferred(interactionId, "agent", account.Id, account.Id, null, agent.Id), now, account.Id, interactionId);
        await db.SaveTransferAsync(ct);
        await tx.CommitAsync(ct);
        return record;
    }
}
