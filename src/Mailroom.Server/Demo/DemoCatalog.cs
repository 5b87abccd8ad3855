using Mailroom.Core.Calendars;
using Mailroom.Core.CannedAnswers;
using Mailroom.Core.Common;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Storage;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Tags;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Demo;

/// <summary>
/// What an administrator would set up before the team starts, so every feature of the desktop can be tried at
/// once: tags, sub-statuses, dispositions of one and of three levels, canned answers, working hours, a second
/// queue and an action plan that uses them. Created once, through the same use cases the admin pages call.
/// </summary>
internal sealed class DemoCatalog(IServiceProvider services, MailroomDb db)
{
    public const string BillingQueue = "Billing desk";

    public async Task EnsureAsync(Actor admin, IReadOnlyList<int> agentIds, int supportAccountId, int salesAccountId, CancellationToken ct)
    {
        if (await db.Tags.AnyAsync(ct))
        {
            return;   // seeded before (or the administrator has started on their own catalog): never overwrite it
        }

        var tags = services.GetRequiredService<TagCatalog>();
        var billing = await tags.CreateAsync(admin, new TagInput("billing", "#b45309"), ct);
        await tags.CreateAsync(admin, new TagInput("urgent", "#b91c1c"), ct);
        await tags.CreateAsync(admin, new TagInput("vip", "#6d28d9"), ct);

        var subStatuses = services.GetRequiredService<SubStatusCatalog>();
        await subStatuses.CreateAsync(admin, new SubStatusInput("Waiting for warehouse"), ct);
        await subStatuses.CreateAsync(admin, new SubStatusInput("Escalated to 2nd level"), ct);

        var dispositions = services.GetRequiredService<DispositionCatalog>();
        await dispositions.CreateAsync(admin, new DispositionInput("Spam"), ct);
        await dispositions.CreateAsync(admin, new DispositionInput("Duplicate"), ct);
        var resolved = await dispositions.CreateAsync(admin, new DispositionInput("Resolved"), ct);
        var order = await dispositions.CreateAsync(admin, new DispositionInput("Order", resolved.Id), ct);
        await dispositions.CreateAsync(admin, new DispositionInput("Refunded", order.Id), ct);
        await dispositions.CreateAsync(admin, new DispositionInput("Replacement sent", order.Id), ct);
        var question = await dispositions.CreateAsync(admin, new DispositionInput("Question", resolved.Id), ct);
        await dispositions.CreateAsync(admin, new DispositionInput("Answered", question.Id), ct);

        var canned = services.GetRequiredService<CannedAnswerCatalog>();
        await canned.CreateAsync(admin, new CannedAnswerInput("Thanks for waiting",
            "<p>Dear {{contactFirstName}},</p><p>thank you for your patience. </p>"), ct);
        await canned.CreateAsync(admin, new CannedAnswerInput("Tracking link",
            "<p>You can follow your parcel at https://tracking.example.test/ with the number in your confirmation mail.</p>", supportAccountId), ct);

        var intervals = services.GetRequiredService<IntervalCommands>();
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        await intervals.CreateAsync(admin, new IntervalInput("Office hours", "Europe/London", [new SubInterval("8:00", "17:59", weekdays)], []), ct);
        var outOfHours = await intervals.CreateAsync(admin, new IntervalInput("Out of hours", "Europe/London",
            [new SubInterval("18:00", "7:59", weekdays), new SubInterval("0:00", "23:59", [DayOfWeek.Saturday, DayOfWeek.Sunday])], []), ct);

        var frontDesk = await db.Queues.Where(q => q.Name == DemoSeeder.FrontDesk).Select(q => (int?)q.Id).FirstOrDefaultAsync(ct);
        await services.GetRequiredService<QueueCommands>().CreateAsync(admin, new QueueInput
        {
            Name = BillingQueue,
            Strategy = RoutingStrategy.RingAll,
            AgentTimeoutSeconds = 45,
            Members = agentIds.Select((id, i) => new QueueMemberInput(id, i)).ToList(),
            AccountIds = [salesAccountId],
        }, ct);

        if (frontDesk is null)
        {
            return;   // the administrator renamed or removed the demo's queue: their routing, not ours
        }

        // Support: invoices are tagged; out of hours the customer hears when we answer; then the front desk.
        await services.GetRequiredService<SaveActionPlan>().RunAsync(admin, supportAccountId, new ActionPlanInput(
        [
            new PlanStepInput(PlanStepKind.GotoIf, ConditionField: ConditionField.Subject, ConditionOperator: ConditionOperator.Contains,
                ConditionValue: "invoice", Target: 1, ElseTarget: 2),
            new PlanStepInput(PlanStepKind.Tag, TagId: billing.Id),
            new PlanStepInput(PlanStepKind.AutoReply, IntervalId: outOfHours.Id,
                Template: "<p>Thank you for writing to {{account}}. Our team is back at 8:00 (London time) and will answer \"{{subject}}\" then.</p>"),
            new PlanStepInput(PlanStepKind.Queue, QueueId: frontDesk, TimeoutSeconds: 300),
        ]), ct);
    }
}
