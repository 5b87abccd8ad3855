using Mailroom.Core.Accounts;
using Mailroom.Core.Audit;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.ServiceLevels;

public sealed record SlaActionsInput(bool NotifySupervisors = false, int? RaisePriorityTo = null, int? OverflowQueueId = null, int? TagId = null);

public sealed record SlaPolicyInput(string? Name, int? AccountId, int? QueueId, int? IntervalId, int? FirstResponseMinutes,
    int? NextResponseMinutes, int? ResolutionMinutes, int? AtRiskPercent, SlaActionsInput? AtRisk, SlaActionsInput? Breach);

public sealed record SlaPolicyView(int Id, string Name, int? AccountId, int? QueueId, int? IntervalId, int? FirstResponseMinutes,
    int? NextResponseMinutes, int? ResolutionMinutes, int AtRiskPercent, SlaActionsInput AtRisk, SlaActionsInput Breach)
{
    public static SlaPolicyView From(SlaPolicy p) => new(p.Id, p.Name, p.AccountId, p.QueueId, p.IntervalId, p.FirstResponseMinutes,
        p.NextResponseMinutes, p.ResolutionMinutes, p.AtRiskPercent, View(p.AtRisk), View(p.Breach));

    private static SlaActionsInput View(SlaActions a) => new(a.NotifySupervisors, a.RaisePriorityTo, a.OverflowQueueId, a.TagId);
}

/// <summary>
/// SLA policies. Administrators manage all of them; a supervisor reads the ones that can apply to their
/// accounts and manages those bound to one of their accounts. Another account's policy is a 404.
/// </summary>
public sealed class SlaPolicyCommands(MailroomDb db, TimeProvider time)
{
    private const int MaxTargetMinutes = 60 * 24 * 365;

    public async Task<IReadOnlyList<SlaPolicyView>> ListAsync(Actor actor, CancellationToken ct)
    {
        actor.RequireSupervisor();
        var visible = db.VisibleAccountIds(actor);
        var all = await db.SlaPolicies.AsNoTracking().Where(p => p.AccountId == null || visible.Contains(p.AccountId.Value)).OrderBy(p => p.Name).ToListAsync(ct);
        return all.Select(SlaPolicyView.From).ToList();
    }

    public async Task<SlaPolicyView> CreateAsync(Actor actor, SlaPolicyInput input, CancellationToken ct)
    {
        actor.RequireSupervisor();
        var policy = new SlaPolicy { Name = "", CreatedAt = time.GetUtcNow().UtcDateTime };
        await ApplyAsync(actor, policy, input, ct);
        db.SlaPolicies.Add(policy);
        db.Audit(actor, "service level policy created", $"service level policy {policy.Name}", await SummaryAsync(policy, ct), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return SlaPolicyView.From(policy);
    }

    public async Task<SlaPolicyView> UpdateAsync(Actor actor, int id, SlaPolicyInput input, CancellationToken ct)
    {
        var policy = await LoadForWriteAsync(actor, id, ct);
        var before = (policy.Name, Targets: await SummaryAsync(policy, ct));
        await ApplyAsync(actor, policy, input, ct);
        if (AuditTrail.Changes(("name", before.Name, policy.Name), ("targets", before.Targets, await SummaryAsync(policy, ct))) is { } changes)
        {
            db.Audit(actor, "service level policy changed", $"service level policy {policy.Name}", changes, time.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(ct);
        return SlaPolicyView.From(policy);
    }

    /// <summary>Its clocks go with it: what they measured is no longer a target anyone holds.</summary>
    public async Task DeleteAsync(Actor actor, int id, CancellationToken ct)
    {
        var policy = await LoadForWriteAsync(actor, id, ct);
        db.SlaPolicies.Remove(policy);
        db.Audit(actor, "service level policy deleted", $"service level policy {policy.Name}", await SummaryAsync(policy, ct), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    private async Task<SlaPolicy> LoadForWriteAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.RequireSupervisor();
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null || (!actor.IsAdmin && (policy.AccountId is not { } accountId || !await db.CanSeeAccountAsync(actor, accountId, ct))))
        {
            throw new NotFoundException($"SLA policy {id}");
        }

        return policy;
    }

    private async Task ApplyAsync(Actor actor, SlaPolicy policy, SlaPolicyInput input, CancellationToken ct)
    {
        var name = input.Name?.Trim();
        var v = new Validator().Required("name", name).Length("name", name, 1, 100);
        v.When(name is not null && await db.SlaPolicies.AnyAsync(p => p.Name == name && p.Id != policy.Id, ct), "name", $"'{name}' is already used by another policy.");
        v.When(input.AccountId is { } accountId && !await db.CanSeeAccountAsync(actor, accountId, ct), "accountId", $"account {input.AccountId} does not exist.");
        v.When(input.AccountId is null && !actor.IsAdmin, "accountId", "is required: a supervisor sets targets for one of their accounts.");
        v.When(input.QueueId is { } queueId && !await db.Queues.AnyAsync(q => q.Id == queueId, ct), "queueId", $"queue {input.QueueId} does not exist.");
        v.When(input.IntervalId is { } intervalId && !await db.Intervals.AnyAsync(i => i.Id == intervalId, ct), "intervalId", $"interval {input.IntervalId} does not exist.");
        v.When(input.AccountId is null && input.QueueId is null && await db.SlaPolicies.AnyAsync(p => p.AccountId == null && p.QueueId == null && p.Id != policy.Id, ct),
            "accountId", "another policy already applies to every account; name an account or a queue.");
        Target(v, "firstResponseMinutes", input.FirstResponseMinutes);
        Target(v, "nextResponseMinutes", input.NextResponseMinutes);
        Target(v, "resolutionMinutes", input.ResolutionMinutes);
        v.When(input.FirstResponseMinutes is null && input.NextResponseMinutes is null && input.ResolutionMinutes is null, "firstResponseMinutes", "or another target is required.");
        v.When(input.AtRiskPercent is < 1 or > 99, "atRiskPercent", "must be between 1 and 99.");
        var atRisk = await ActionsAsync(v, "atRisk", input.AtRisk, ct);
        var breach = await ActionsAsync(v, "breach", input.Breach, ct);
        v.ThrowIfInvalid();

        policy.Name = name!;
        (policy.AccountId, policy.QueueId, policy.IntervalId) = (input.AccountId, input.QueueId, input.IntervalId);
        (policy.FirstResponseMinutes, policy.NextResponseMinutes, policy.ResolutionMinutes) = (input.FirstResponseMinutes, input.NextResponseMinutes, input.ResolutionMinutes);
        policy.AtRiskPercent = input.AtRiskPercent ?? 75;
        (policy.AtRisk, policy.Breach) = (atRisk, breach);
    }

    private async Task<string> SummaryAsync(SlaPolicy p, CancellationToken ct) => string.Join(", ", new[]
    {
        await db.AccountInWordsAsync(p.AccountId, ct), p.QueueId is { } q ? "queue " + await db.Queues.Where(x => x.Id == q).Select(x => x.Name).FirstAsync(ct) : null,
        Minutes("first response", p.FirstResponseMinutes), Minutes("next response", p.NextResponseMinutes), Minutes("resolution", p.ResolutionMinutes),
        $"at risk at {p.AtRiskPercent} %",
    }.OfType<string>());

    private static string? Minutes(string target, int? minutes) => minutes is { } m ? $"{target} {m} min" : null;

    private static void Target(Validator v, string field, int? minutes) =>
        v.When(minutes is < 1 or > MaxTargetMinutes, field, $"must be between 1 and {MaxTargetMinutes} minutes.");

    private async Task<SlaActions> ActionsAsync(Validator v, string field, SlaActionsInput? input, CancellationToken ct)
    {
        var a = input ?? new SlaActionsInput();
        v.When(a.RaisePriorityTo is < 0 or > 10, field + ".raisePriorityTo", "must be between 0 and 10.");
        v.When(a.OverflowQueueId is { } q && !await db.Queues.AnyAsync(x => x.Id == q, ct), field + ".overflowQueueId", $"queue {a.OverflowQueueId} does not exist.");
        v.When(a.TagId is { } t && !await db.Tags.AnyAsync(x => x.Id == t, ct), field + ".tagId", $"tag {a.TagId} does not exist.");
        return new SlaActions { NotifySupervisors = a.NotifySupervisors, RaisePriorityTo = a.RaisePriorityTo, OverflowQueueId = a.OverflowQueueId, TagId = a.TagId };
    }
}
