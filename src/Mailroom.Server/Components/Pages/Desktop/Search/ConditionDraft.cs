using Mailroom.Core.Search;

namespace Mailroom.Server.Components.Pages.Desktop.Search;

/// <summary>One condition while the agent edits it in the advanced search builder.</summary>
public sealed class ConditionDraft
{
    private ConditionDraft(string field, string op, string? value, bool enabled)
    {
        Field = field;
        Operator = op;
        Value = value;
        Enabled = enabled;
    }

    public string Field { get; private set; }
    public string Operator { get; set; }
    public string? Value { get; set; }

    /// <summary>A disabled condition stays in the builder (and in a saved search) but the search ignores it.</summary>
    public bool Enabled { get; set; }

    public SearchField Definition => SearchFields.Catalogue.First(f => f.Name == Field);

    public bool NeedsValue => Operator != SearchOperators.IsEmpty;

    public static ConditionDraft New() => new("subject", SearchOperators.Contains, null, enabled: true);

    public static ConditionDraft From(SearchCondition condition) => new(condition.Field, condition.Operator, condition.Value, !condition.Disabled);

    /// <summary>Another field takes its first operator, and a value of its kind: the old one would rarely fit.</summary>
    public void ChangeField(string field)
    {
        Field = field;
        Operator = Definition.Operators[0];
        Value = Definition.Choices?[0];
    }

    public SearchCondition ToCondition() => new(Field, Operator, NeedsValue ? Value : null, !Enabled);
}
