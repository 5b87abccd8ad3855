namespace Mailroom.Core.Search;

/// <summary>One condition of an advanced search: field, operator, value; a disabled one is kept but ignored.</summary>
public sealed record SearchCondition(string Field, string Operator, string? Value = null, bool Disabled = false);

/// <summary>
/// An advanced search: conditions combined with ALL or ANY. It searches every interaction the actor may see,
/// regardless of the list's filters.
/// </summary>
public sealed record AdvancedSearch(IReadOnlyList<SearchCondition> Conditions, string Match = AdvancedSearch.All, int Page = 0, int PageSize = 50)
{
    public const string All = "all";
    public const string Any = "any";
}

public static class SearchOperators
{
    public const string EqualsOp = "equals";
    public const string NotEquals = "notEquals";
    public const string Contains = "contains";
    public const string StartsWith = "startsWith";
    public const string EndsWith = "endsWith";
    public const string GreaterThan = "greaterThan";
    public const string LessThan = "lessThan";
    public const string IsEmpty = "isEmpty";

    public static readonly IReadOnlyList<string> ForText = [EqualsOp, NotEquals, Contains, StartsWith, EndsWith, IsEmpty];
    public static readonly IReadOnlyList<string> ForOrdered = [EqualsOp, NotEquals, GreaterThan, LessThan, IsEmpty];
    public static readonly IReadOnlyList<string> ForChoice = [EqualsOp, NotEquals];
    public static readonly IReadOnlyList<string> ForFullText = [Contains];
}
