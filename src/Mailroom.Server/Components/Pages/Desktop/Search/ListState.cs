using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Search;

namespace Mailroom.Server.Components.Pages.Desktop.Search;

/// <summary>
/// What the interactions list shows: its filters, or an advanced search that replaces them (003: the advanced
/// search looks at every interaction regardless of the filters), and the rows ticked for export.
/// </summary>
public sealed class ListState
{
    public string? Query { get; set; }
    public ListScope Scope { get; set; } = ListScope.All;
    public InteractionStatus? Status { get; set; } = InteractionStatus.Open;
    public bool? Unread { get; set; }

    /// <summary>First and last start day, both included.</summary>
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    public int? AccountId { get; set; }
    public int? AgentId { get; set; }
    public int[] TagIds { get; set; } = [];

    public AdvancedSearch? Advanced { get; set; }

    public HashSet<long> Selected { get; } = [];

    public InteractionFilter Filter => new(AccountId, Scope, Status, Unread, string.IsNullOrWhiteSpace(Query) ? null : Query.Trim(),
        StartedFrom: Day(From), StartedTo: Day(To?.AddDays(1)), AgentId: AgentId, TagIds: TagIds);

    internal Task<IReadOnlyList<InteractionRow>> LoadAsync(UseCaseRunner useCases, Actor actor) =>
        useCases.RunAsync<InteractionQueries, IReadOnlyList<InteractionRow>>(q =>
            Advanced is { } search ? q.SearchAsync(actor, search, default) : q.ListAsync(actor, Filter, default));

    private static DateTime? Day(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
