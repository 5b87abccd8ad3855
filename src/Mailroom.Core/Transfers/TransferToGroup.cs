using Mailroom.Core.Common;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Parking;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Transfers;

public sealed record GroupTransferInput(IReadOnlyList<long>? InteractionIds, int GroupId, int? MemberId = null);

/// <summary>One interaction of a batch: moved, or the reason it was not (nothing of it was changed then).</summary>
public sealed record GroupTransferItem(long InteractionId, bool Transferred, string? Reason, string? Message, int? AssignedUserId);

/// <summary>
/// Transfers one interaction or a batch to another group (a queue and its members). The group needs a
/// routing rule for the interaction's account (the queue serves it) and, for a chosen member, that member must be
/// allowed on the account (a member of it) and online. With a member it is assigned to them at once; without,
/// the group's routing distributes it, and with nobody available it waits in the supervisors' Unassigned view.
/// Each interaction is its own transaction: a batch reports per item and never half-applies one.
/// </summary>
public sealed class TransferToGroup(MailroomDb db, TimeProvider time)
{
    public const int MaxBatch = 200;

    public async Task<IReadOnlyList<GroupTransferItem>> RunAsync(Actor actor, GroupTransferInput input, CancellationToken ct)
    {
        var ids = input.InteractionIds ?? [];
        new Validator()
            .When(ids.Count == 0, "interactionIds", "must list at least one interaction.")
            .When(ids.Count > MaxBatch, "interactionIds", $"must list at most {MaxBatch} interactions.")
            .When(ids.Distinct().Count() != ids.Count, "interactionIds", "lists an interaction twice.")
            .ThrowIfInvalid();
        var group = await db.Queues.AsNoTracking().Include(q => q.Members).FirstOrDefaultAsync(q => q.Id == input.GroupId, ct)
            ?? throw ValidationFailedException.For("groupId", $"group {input.GroupId} does not exist.");
        if (input.MemberId is int member && group.Members.All(m => m.UserId != member))
        {
            throw ValidationFailedException.For("memberId", $"user {member} is not a member of group '{group.Name}'.");
        }

        var results = new List<GroupTransferItem>(ids.Count);
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            try
            {
                var assigned = await MoveOneAsync(actor, id, group, input.MemberId, ct);
                results.Add(new GroupTransferItem(id, true, null, null, assigned));
            }
            catch (Exception ex) when (Reason(ex) is { } reason)
            {
                results.Add(new GroupTransferItem(id, false, reason, ex.Message, null));
            }
        }

        return results;
    }

    /// <summary>The machine-readable reason of a refused item, camelCase like the API's enums.</summary>
    public static string? Reason(Exception ex) => ex switch
    {
        TransferRefusedException r => JsonNamingPolicy(r.Reason.ToString()),
        NotFoundException => "notFound",
        ConflictException => "changed",
        ForbiddenException => "forbidden",
        ValidationFailedException => "invalid",
        _ => null,
    };

    private async Task<int?> MoveOneAsync(Actor actor, long id, MailQueue group, int? memberId, CancellationToken ct)
    {
        var (interaction, account) = await db.RequireMovableAsync(actor, id, null, ct);
        if (!await db.QueueAccounts.AnyAsync(r => r.QueueId == group.Id && r.AccountId == account.Id, ct))
        {
            throw new TransferRefusedException(TransferRefusal.NoRoutingRule,
                $"Group '{group.Name}' has no routing rule for account '{account.Key}'; an administrator can add the account to the group.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (memberId is int userId)
        {
            var agent = await db.RequireAvailableAgentAsync(userId, account.Id, "memberId", ct);
            db.NewRecord(actor, interaction, TransferKind.Group, group.Id, agent.Id, TransferOutcome.Completed, now);
            await db.StopRoutingAsync(id, "transferred", now, ct);
            db.EndParking(interaction, UnparkReason.OwnerChanged, actor.UserId, now);
            interaction.AssignedUserId = agent.Id;
            interaction.FirstAgentId ??= agent.Id;
            interaction.UnreadCount = Math.Max(1, interaction.UnreadCount);
            db.Record(id, actor.UserId, "transferred-to-group", $"{group.Name} → {agent.DisplayName}", now);
        }
        else
        {
            await db.BeginOfferedAsync(actor, interaction, TransferKind.Group, RoutingStep.Queue, group.Id, null, null, null, now, ct);
            db.Record(id, actor.UserId, "transferred-to-group", group.Name, now);
        }

        interaction.QueueId = group.Id;
        db.Append(new InteractionTransferred(id, "group", account.Id, account.Id, group.Id, memberId), now, account.Id, id);
        await db.SaveTransferAsync(ct);
        await tx.CommitAsync(ct);
        return interaction.AssignedUserId;
    }

    private static string JsonNamingPolicy(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
