using Mailroom.Core.Common;

namespace Mailroom.Server.Api;

/// <summary>A query parameter listing ids ("1,2,3"), as exports and reports take a selection.</summary>
internal static class IdList
{
    /// <summary>Null when empty (no selection); a part that is no id is a 400 naming <paramref name="field"/>.</summary>
    public static List<long>? Parse(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parsed = new List<long>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                throw ValidationFailedException.For(field, $"'{part}' is not an id.");
            }

            parsed.Add(id);
        }

        return parsed;
    }
}
