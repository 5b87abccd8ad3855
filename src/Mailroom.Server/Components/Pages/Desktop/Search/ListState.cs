using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Search;

namespace Mailroom.Server.Components.Pages.Desktop.Search;

/// <summary>
/// What the interactions list shows: its filters, or an advanced search that replaces them (the advanced
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

    /// <summary>A new search (or none) starts at the first page.</summary>
    public AdvancedSearch? Advanced
    {
        get => _advanced;
        set
        {
            _advanced = value;
            Page = 0;
        }
    }

    private AdvancedSearch? _advanced;

    public ListOrder Order { get; set; } = ListOrder.Newest;

    /// <summary>The page shown, from 0; any change of filter or search starts again at the first.</summary>
    public int Page { get; set; }

    public const int PageSize = 50;

    /// <summary>How many rows the whole list has, as of the last load.</summary>
    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public HashSet<long> Selected { get; } = [];

    public InteractionFilter Filter => new(AccountId, Scope, Status, Unread, string.IsNullOrWhiteSpace(Query) ? null : Query.Trim(),
        Page: Page, PageSize: PageSize, StartedFrom: Day(From), StartedTo: Day(To?.AddDays(1)), AgentId: AgentId, TagIds: TagIds, Order: Order);

    internal async Task<IReadOnlyList<InteractionRow>> LoadAsync(UseCaseRunner useCases, Actor actor)
    {
        var page = await useCases.RunAsync<InteractionQueries, InteractionPage>(q =>
            Advanced is { } search ? q.SearchPageAsync(actor, search with { Page = Page, PageSize = PageSize }, default) : q.ListPageAsync(actor, Filter, default));
        Total = page.Total;
        // Rows closed or moved away by a live change can empty the last page: step back to one that has rows.
        if (page.Rows.Count == 0 && Page > PageCount - 1)
        {
            Page = PageCount - 1;
            return await LoadAsync(useCases, actor);
        }

        return page.Rows;
    }

    private static DateTime? Day(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
