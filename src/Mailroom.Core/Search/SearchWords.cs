namespace Mailroom.Core.Search;

/// <summary>
/// What a person typed, cut into whitespace-separated words with only letters, digits and the characters an
/// address needs (<c>@ . - _ +</c>). Each provider turns them into its own full-text syntax, so no quote or
/// operator typed by a user ever reaches the query language.
/// </summary>
public sealed record SearchWords(IReadOnlyList<string> Words)
{
    /// <summary>Enough for any real query; more words only make the index work harder.</summary>
    public const int MaxWords = 8;

    public bool IsEmpty => Words.Count == 0;

    public static SearchWords Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new SearchWords([]);
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => new string(w.Where(c => char.IsLetterOrDigit(c) || c is '@' or '.' or '-' or '_' or '+').ToArray()).Trim('.', '-', '_', '+').ToLowerInvariant())
            .Where(w => w.Any(char.IsLetterOrDigit))
            .Distinct()
            .Take(MaxWords)
            .ToList();
        return new SearchWords(words);
    }

    /// <summary>
    /// A whole email address ("name@host.tld"): contacts are matched on it exactly, through the address index;
    /// a trigram match of a full address reads the lists of every trigram in it, each common in addresses.
    /// </summary>
    public static bool IsAddress(string word)
    {
        var at = word.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && word.IndexOf('.', at) > at + 1 && word.LastIndexOf('@') == at;
    }

    /// <summary>
    /// Whether a word may be matched as the beginning of longer words (while it is still being typed). Not an
    /// address or a number: those are typed whole (an id, an order number), and a short number as a prefix
    /// matches a handful of rare tokens that PostgreSQL cannot estimate (measured: 1.2 s instead of 6 ms).
    /// </summary>
    public static bool MayBePrefix(string word) => !IsAddress(word) && !word.All(char.IsAsciiDigit);

    /// <summary>The letter/digit runs of a word, as a tokenizer that splits on punctuation sees them.</summary>
    public static IReadOnlyList<string> Tokens(string word) =>
        word.Split(['@', '.', '-', '_', '+'], StringSplitOptions.RemoveEmptyEntries);
}
