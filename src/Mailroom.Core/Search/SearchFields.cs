using System.Globalization;
using System.Linq.Expressions;
using Mailroom.Core.Contacts;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;

namespace Mailroom.Core.Search;

public enum SearchFieldKind
{
    Text,
    Number,
    Date,
    Choice,
    FullText,
}

/// <summary>A field the advanced search offers, with the operators that make sense for it.</summary>
public sealed record SearchField(string Name, SearchFieldKind Kind, IReadOnlyList<string> Operators, IReadOnlyList<string>? Choices = null);

/// <summary>
/// The catalogue of advanced-search fields and how each condition becomes a predicate on an interaction. Text
/// comparisons ignore case; "contains" on message text and subject uses the full-text index (whole words, the
/// last one as a prefix) so it stays fast at a million messages.
/// </summary>
public sealed class SearchFields
{
    private readonly MailroomDb _db;

    internal SearchFields(MailroomDb db) => _db = db;

    public static IReadOnlyList<SearchField> Catalogue => All;

    internal static readonly IReadOnlyList<SearchField> All =
    [
        new("id", SearchFieldKind.Number, SearchOperators.ForOrdered),
        new("subject", SearchFieldKind.Text, SearchOperators.ForText),
        new("messageText", SearchFieldKind.FullText, SearchOperators.ForFullText),
        new("status", SearchFieldKind.Choice, SearchOperators.ForChoice, ["open", "closed", "closedUnmanaged"]),
        new("account", SearchFieldKind.Text, SearchOperators.ForText),
        new("contactEmail", SearchFieldKind.Text, SearchOperators.ForText),
        new("contactFirstName", SearchFieldKind.Text, SearchOperators.ForText),
        new("contactLastName", SearchFieldKind.Text, SearchOperators.ForText),
        new("agent", SearchFieldKind.Text, SearchOperators.ForText),
        new("agentId", SearchFieldKind.Number, SearchOperators.ForOrdered),
        new("firstAgentId", SearchFieldKind.Number, SearchOperators.ForOrdered),
        new("queueId", SearchFieldKind.Number, SearchOperators.ForOrdered),
        new("subStatusId", SearchFieldKind.Number, SearchOperators.ForOrdered),
        new("dispositionId", SearchFieldKind.Number, SearchOperators.ForOrdered),
        new("unreadCount", SearchFieldKind.Number, SearchOperators.ForOrdered),
        new("reopened", SearchFieldKind.Choice, SearchOperators.ForChoice, ["true", "false"]),
        new("createdAt", SearchFieldKind.Date, SearchOperators.ForOrdered),
        new("lastActivityAt", SearchFieldKind.Date, SearchOperators.ForOrdered),
        new("firstResponseAt", SearchFieldKind.Date, SearchOperators.ForOrdered),
        new("closedAt", SearchFieldKind.Date, SearchOperators.ForOrdered),
    ];

    internal Expression<Func<Interaction, bool>> Predicate(SearchField field, string op, string value, IReadOnlyList<long> textHits) =>
        field.Name switch
        {
            "id" => Ordered(i => (long?)i.Id, op, Long(value)),
            "subject" => Text<Interaction>(i => i.Subject, op, value),
            "messageText" => i => textHits.Contains(i.Id),
            "status" => Status(op, value),
            "account" => Via(_db.Accounts, Text<Accounts.EmailAccount>(a => a.Key, op, value), a => (int?)a.Id, i => i.AccountId),
            "contactEmail" => Via(_db.Contacts, Text<Contact>(c => c.Email, op, value), c => (int?)c.Id, i => i.ContactId),
            "contactFirstName" => Via(_db.Contacts, Text<Contact>(c => c.FirstName, op, value), c => (int?)c.Id, i => i.ContactId),
            "contactLastName" => Via(_db.Contacts, Text<Contact>(c => c.LastName, op, value), c => (int?)c.Id, i => i.ContactId),
            "agent" => Agent(op, value),
            "agentId" => Ordered(i => (long?)i.AssignedUserId, op, Long(value)),
            "firstAgentId" => Ordered(i => (long?)i.FirstAgentId, op, Long(value)),
            "queueId" => Ordered(i => (long?)i.QueueId, op, Long(value)),
            "subStatusId" => Ordered(i => (long?)i.SubStatusId, op, Long(value)),
            "dispositionId" => Ordered(i => (long?)i.DispositionId, op, Long(value)),
            "unreadCount" => Ordered(i => (long?)i.UnreadCount, op, Long(value)),
            "reopened" => (op == SearchOperators.EqualsOp) == (value == "true") ? i => i.Reopened : i => !i.Reopened,
            "createdAt" => Ordered(i => (DateTime?)i.CreatedAt, op, Date(value)),
            "lastActivityAt" => Ordered(i => (DateTime?)i.LastActivityAt, op, Date(value)),
            "firstResponseAt" => Ordered(i => i.FirstResponseAt, op, Date(value)),
            "closedAt" => Ordered(i => i.ClosedAt, op, Date(value)),
            _ => throw new InvalidOperationException(field.Name),
        };

    /// <summary>Parses a value for its field's kind; null means it does not fit (the caller answers 400).</summary>
    internal static bool Fits(SearchField field, string op, string? value) =>
        op == SearchOperators.IsEmpty
        || (value is { Length: > 0 } && field.Kind switch
        {
            SearchFieldKind.Number => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            SearchFieldKind.Date => DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _),
            SearchFieldKind.Choice => field.Choices!.Contains(value),
            SearchFieldKind.FullText => !SearchWords.Parse(value).IsEmpty,
            _ => true,
        });

    private static long Long(string value) => value.Length == 0 ? 0 : long.Parse(value, CultureInfo.InvariantCulture);

    private static DateTime Date(string value) => value.Length == 0
        ? default
        : DateTime.SpecifyKind(DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);

    private static Expression<Func<Interaction, bool>> Status(string op, string value)
    {
        Expression<Func<Interaction, bool>> match = value switch
        {
            "open" => i => i.Status == InteractionStatus.Open,
            "closed" => i => i.Status == InteractionStatus.Closed,
            _ => i => i.Status == InteractionStatus.Closed && i.ClosedUnmanaged,
        };
        return op == SearchOperators.EqualsOp ? match : Expression.Lambda<Func<Interaction, bool>>(Expression.Not(match.Body), match.Parameters);
    }

    private Expression<Func<Interaction, bool>> Agent(string op, string value)
    {
        var users = Via(_db.Users, Text<Users.User>(u => u.DisplayName, op, value), u => (int?)u.Id, i => i.AssignedUserId);
        // "is empty" means nobody is assigned, not an assigned user without a name.
        return op == SearchOperators.IsEmpty ? i => i.AssignedUserId == null : users;
    }

    /// <summary>An interaction whose key points at a row of <paramref name="rows"/> that matches.</summary>
    private static Expression<Func<Interaction, bool>> Via<T>(IQueryable<T> rows, Expression<Func<T, bool>> match, Expression<Func<T, int?>> id,
        Expression<Func<Interaction, int?>> key)
    {
        var ids = rows.Where(match).Select(id);
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(int?)], ids.Expression, key.Body);
        return Expression.Lambda<Func<Interaction, bool>>(contains, key.Parameters);
    }

    private static Expression<Func<T, bool>> Text<T>(Expression<Func<T, string?>> selector, string op, string value)
    {
        var text = Expression.Coalesce(selector.Body, Expression.Constant(""));
        if (op == SearchOperators.IsEmpty)
        {
            return Expression.Lambda<Func<T, bool>>(Expression.Equal(text, Expression.Constant("")), selector.Parameters);
        }

        var lowered = Expression.Call(text, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
        var parameter = Parameter(value.ToLowerInvariant());
        Expression body = op switch
        {
            SearchOperators.EqualsOp => Expression.Equal(lowered, parameter),
            SearchOperators.NotEquals => Expression.NotEqual(lowered, parameter),
            _ => Expression.Call(lowered, typeof(string).GetMethod(op switch
            {
                SearchOperators.Contains => nameof(string.Contains),
                SearchOperators.StartsWith => nameof(string.StartsWith),
                _ => nameof(string.EndsWith),
            }, [typeof(string)])!, parameter),
        };
        return Expression.Lambda<Func<T, bool>>(body, selector.Parameters);
    }

    private static Expression<Func<Interaction, bool>> Ordered<TValue>(Expression<Func<Interaction, TValue?>> selector, string op, TValue value)
        where TValue : struct
    {
        var left = selector.Body;
        Expression body = op switch
        {
            SearchOperators.IsEmpty => Expression.Equal(left, Expression.Constant(null, typeof(TValue?))),
            SearchOperators.EqualsOp => Expression.Equal(left, Parameter<TValue?>(value)),
            SearchOperators.NotEquals => Expression.OrElse(Expression.Equal(left, Expression.Constant(null, typeof(TValue?))),
                Expression.NotEqual(left, Parameter<TValue?>(value))),
            SearchOperators.GreaterThan => Expression.GreaterThan(left, Parameter<TValue?>(value)),
            _ => Expression.LessThan(left, Parameter<TValue?>(value)),
        };
        return Expression.Lambda<Func<Interaction, bool>>(body, selector.Parameters);
    }

    /// <summary>A value EF sends as a query parameter rather than inlining it into the SQL text.</summary>
    private static MemberExpression Parameter<TValue>(TValue value) =>
        Expression.Property(Expression.Constant(new Box<TValue>(value)), nameof(Box<TValue>.Value));

    private sealed record Box<TValue>(TValue Value);
}
