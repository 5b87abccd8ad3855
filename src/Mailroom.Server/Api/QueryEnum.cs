namespace Mailroom.Server.Api;

/// <summary>
/// An enum in a query string, accepted as the API itself writes it (<c>open</c>, <c>closedUnmanaged</c>) or in
/// any other case. Minimal APIs bind enums case-sensitively, so <c>?status=open</c> was a 400 although every
/// response spells it that way.
/// </summary>
internal readonly record struct QueryEnum<T>(T Value)
    where T : struct, Enum
{
    public static bool TryParse(string? text, out QueryEnum<T> result)
    {
        var parsed = Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value);
        result = parsed ? new QueryEnum<T>(value) : default;
        return parsed;
    }
}
