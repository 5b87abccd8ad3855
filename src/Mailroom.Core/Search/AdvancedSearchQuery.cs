using System.Linq.Expressions;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Search;

/// <summary>Validates an advanced search (400 naming the bad field, operator or value) and builds its query.</summary>
public sealed class AdvancedSearchQuery(MailroomDb db, InteractionFinder finder)
{
    public async Task<IQueryable<Interaction>> BuildAsync(Actor actor, AdvancedSearch search, CancellationToken ct)
    {
        Validate(search);
        var fields = new SearchFields(db);
        var parameter = Expression.Parameter(typeof(Interaction), "i");
        Expression? combined = null;
        foreach (var condition in search.Conditions.Where(c => !c.Disabled))
        {
            var field = SearchFields.All.First(f => f.Name == condition.Field);
            var hits = field.Kind == SearchFieldKind.FullText ? await finder.TextHitsAsync(actor, condition.Value!, InteractionFinder.TextHitLimit(search.Page, search.PageSize), ct) : [];
            var predicate = fields.Predicate(field, condition.Operator, condition.Value ?? "", hits);
            var body = new Rebind(predicate.Parameters[0], parameter).Visit(predicate.Body);
            combined = combined is null ? body : search.Match == AdvancedSearch.Any ? Expression.OrElse(combined, body) : Expression.AndAlso(combined, body);
        }

        var query = finder.Visible(actor);
        return combined is null ? query : query.Where(Expression.Lambda<Func<Interaction, bool>>(combined, parameter));
    }

    private static void Validate(AdvancedSearch search)
    {
        var validator = new Validator();
        validator.When(search.Match is not (AdvancedSearch.All or AdvancedSearch.Any), "match", "must be 'all' or 'any'.");
        if (search.Conditions is null)
        {
            // JSON without "conditions" binds null, whatever the record says.
            validator.Add("conditions", "is required (an empty list searches everything).");
            validator.ThrowIfInvalid();
        }

        validator.When(search.Conditions!.Count > 50, "conditions", "at most 50 conditions.");
        for (var n = 0; n < search.Conditions.Count; n++)
        {
            var condition = search.Conditions[n];
            if (condition.Disabled)
            {
                continue;
            }

            var field = SearchFields.All.FirstOrDefault(f => f.Name == condition.Field);
            if (field is null)
            {
                validator.Add($"conditions[{n}].field", $"unknown field '{condition.Field}'; known: {string.Join(", ", SearchFields.All.Select(f => f.Name))}.");
            }
            else if (!field.Operators.Contains(condition.Operator))
            {
                validator.Add($"conditions[{n}].operator", $"'{condition.Operator}' does not apply to {field.Name}; use one of {string.Join(", ", field.Operators)}.");
            }
            else
            {
                validator.When(!SearchFields.Fits(field, condition.Operator, condition.Value), $"conditions[{n}].value",
                    $"'{condition.Value}' is not a valid {field.Kind.ToString().ToLowerInvariant()} value for {field.Name}.");
            }
        }

        validator.ThrowIfInvalid();
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
