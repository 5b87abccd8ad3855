using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Routing;

/// <summary>
/// What an action plan's steps may name, read once per save: queues, the account's agents, intervals, tags,
/// sub-statuses, skills, and the dispositions its interactions can be closed with (global or the account's, lowest level).
/// </summary>
internal sealed record PlanReferences(List<int> Queues, List<int> Members, List<int> Intervals, List<int> Dispositions, List<int> Tags,
    List<int> SubStatuses, List<int> Skills, bool DispositionMandatory)
{
    public static async Task<PlanReferences> LoadAsync(MailroomDb db, int accountId, CancellationToken ct) => new(
        await db.Queues.Select(q => q.Id).ToListAsync(ct),
        await db.AccountMembers.Where(m => m.AccountId == accountId).Select(m => m.UserId).ToListAsync(ct),
        await db.Intervals.Select(i => i.Id).ToListAsync(ct),
        await db.Dispositions.Where(d => (d.AccountId == null || d.AccountId == accountId) && !db.Dispositions.Any(c => c.ParentId == d.Id))
            .Select(d => d.Id).ToListAsync(ct),
        await db.Tags.Select(t => t.Id).ToListAsync(ct),
        await db.SubStatuses.Select(s => s.Id).ToListAsync(ct),
        await db.Skills.Select(s => s.Id).ToListAsync(ct),
        await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Disposition.Mandatory).FirstAsync(ct));

    public void Validate(Validator v, string field, PlanStepInput step)
    {
        v.When(step.IntervalId is { } interval && !Intervals.Contains(interval), field, "names an interval that does not exist.");
        switch (step.Kind)
        {
            case PlanStepKind.Queue:
                v.When(!Names(Queues, step.QueueId), field, "names a queue that does not exist.");
                break;
            case PlanStepKind.Agent:
                v.When(!Names(Members, step.UserId), field, "names an agent who is not a member of the account.");
                break;
            case PlanStepKind.Close when step.DispositionId is null:
                v.When(DispositionMandatory, field, "needs a disposition: this account's disposition is mandatory.");
                break;
            case PlanStepKind.Close:
                v.When(!Names(Dispositions, step.DispositionId), field,
                    "names a disposition that is neither global nor this account's, or that has lower levels.");
                break;
            case PlanStepKind.Tag:
                v.When(!Names(Tags, step.TagId), field, "names a tag that does not exist.");
                break;
            case PlanStepKind.SetSubStatus:
                v.When(!Names(SubStatuses, step.SubStatusId), field, "names a sub-status that does not exist.");
                break;
            case PlanStepKind.RequireSkill:
                v.When(!Names(Skills, step.SkillId), field, "names a skill that does not exist.");
                break;
            case PlanStepKind.RelaxSkill when step.SkillId is not null:
                v.When(!Names(Skills, step.SkillId), field, "names a skill that does not exist.");
                break;
        }
    }

    private static bool Names(List<int> known, int? id) => id is { } value && known.Contains(value);
}
