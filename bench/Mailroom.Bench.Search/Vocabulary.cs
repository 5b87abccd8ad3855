namespace Mailroom.Bench.Search;

/// <summary>
/// Words for generated mail: a few very common ones (in a large share of messages), a few thousand made-up
/// medium-frequency words, and rare ones that appear in a handful of messages.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] Common = ["thanks", "order", "please", "hello", "regards", "help", "account", "delivery"];

    public static readonly string[] Filler =
    [
        "the", "a", "my", "is", "was", "and", "to", "for", "of", "with", "on", "in", "it", "i", "you", "we", "not", "have", "can", "when",
        "package", "invoice", "refund", "payment", "address", "shipping", "product", "return", "received", "still", "yesterday", "today",
        "week", "problem", "question", "number", "customer", "service", "support", "update", "status", "tracking", "broken", "missing",
    ];

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ru", "te", "vo", "zen", "dar", "pol", "qui", "bex", "sor", "nim", "fal", "gut"];

    /// <summary>3,375 made-up words: each in roughly a few hundred messages per million.</summary>
    public static readonly string[] Medium =
        [.. from a in Syllables from b in Syllables from c in Syllables select a + b + c];

    /// <summary>Rare words: each message has a small chance to carry one of 200,000 distinct codes.</summary>
    public static readonly string[] Rare = [.. Enumerable.Range(0, 2000).Select(n => $"zq{n * 97 % 200000:D6}x")];

    public static string RareWord(int n) => $"zq{n:D6}x";
}
