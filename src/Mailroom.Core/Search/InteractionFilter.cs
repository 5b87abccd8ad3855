using Mailroom.Core.Interactions;

namespace Mailroom.Core.Search;

public enum ListScope
{
    All = 0,
    Mine = 1,
    Unassigned = 2,

    /// <summary>Interactions where a colleague named the user in a note.</summary>
    Mentions = 3,
}

/// <summary>The list's order: newest activity first, or the customer who has waited longest first.</summary>
public enum ListOrder
{
    Newest = 0,
    LongestWaiting = 1,
}

/// <summary>
/// The interactions list's filters: account, scope (Me / Not assigned / All / Mentions), start date range, read
/// state, status, the first agent who managed it, queue, tags (any of them: a multiple choice widens the list),
/// and a quick search (id, message text, subject, contact names, email address).
/// </summary>
public sealed record InteractionFilter(int? AccountId = null, ListScope Scope = ListScope.All, InteractionStatus? Status = null,
    bool? Unread = null, string? Query = null, int Page = 0, int PageSize = 50, DateTime? StartedFrom = null, DateTime? StartedTo = null,
    int? AgentId = null, int? QueueId = null, IReadOnlyList<int>? TagIds = null, ListOrder Order = ListOrder.Newest);
