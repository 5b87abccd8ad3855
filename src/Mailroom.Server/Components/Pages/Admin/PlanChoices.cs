using Mailroom.Core.Calendars;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Queues;
using Mailroom.Core.Skills;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Tags;
using Mailroom.Core.Users;

namespace Mailroom.Server.Components.Pages.Admin;

/// <summary>What the steps of one account's plan can name: the options of the editor's selects.</summary>
public sealed record PlanChoices(IReadOnlyList<QueueView> Queues, IReadOnlyList<UserView> Agents, IReadOnlyList<IntervalView> Intervals,
    IReadOnlyList<DispositionView> Dispositions, IReadOnlyList<TagView> Tags, IReadOnlyList<SubStatusView> SubStatuses, IReadOnlyList<SkillView> Skills)
{
    public static readonly PlanChoices None = new([], [], [], [], [], [], []);
}
