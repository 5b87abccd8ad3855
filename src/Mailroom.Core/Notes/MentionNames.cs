using System.Text.RegularExpressions;

namespace Mailroom.Core.Notes;

/// <summary>A colleague who could be named in a note: whoever can see the interaction.</summary>
public sealed record MentionCandidate(int UserId, string DisplayName, string Email);

/// <summary>
/// Finds the colleagues a note names with "@": "@bob", "@bob.smith" or "@BobSmith" for Bob Smith
/// (bob.smith@example.com). A word names someone by their address's local part, their whole name written
/// together, with dots, or their first name when only one candidate has it. An e-mail address in the text
/// ("write to bob@example.com") names nobody. While a note is typed, <see cref="Suggest"/> offers the colleagues
/// the word being typed could name, and <see cref="HandleFor"/> the word that names exactly the one picked.
/// </summary>
public static partial class MentionNames
{
    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+-])@([\p{L}\p{N}][\p{L}\p{N}._-]*)")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+-])@([\p{L}\p{N}._-]*)$")]
    private static partial Regex WordBeingTyped();

    public static IReadOnlyList<int> Find(string text, IReadOnlyCollection<MentionCandidate> candidates)
    {
        var named = new List<int>();
        foreach (Match m in Word().Matches(text))
        {
            var word = m.Groups[1].Value.TrimEnd('.', '-', '_');
            if (Resolve(word, candidates) is int id && !named.Contains(id))
            {
                named.Add(id);
            }
        }

        return named;
    }

    /// <summary>The "@…" word the text ends with ("" right after the "@"), or null when the text does not end in one.</summary>
    public static string? Typing(string? text) =>
        text is not null && WordBeingTyped().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Colleagues whose name, any word of it, or address starts with <paramref name="typed"/>, by name.</summary>
    public static IReadOnlyList<MentionCandidate> Suggest(string typed, IEnumerable<MentionCandidate> candidates, int max = 8) =>
        [.. candidates.Where(c => StartsWith(LocalPart(c.Email), typed) || StartsWith(Joined(c.DisplayName, "."), typed)
                || c.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => StartsWith(w, typed)))
            .OrderBy(c => c.DisplayName, StringComparer.CurrentCultureIgnoreCase).Take(max)];

    /// <summary>
    /// The word to write after "@" so that the note names <paramref name="picked"/> and nobody else: the name with
    /// dots ("Bob.Smith") unless a namesake makes it ambiguous, then the address's local part.
    /// </summary>
    public static string HandleFor(MentionCandidate picked, IReadOnlyCollection<MentionCandidate> candidates)
    {
        var name = Joined(picked.DisplayName, ".");
        return name.Length > 0 && Resolve(name, candidates) == picked.UserId ? name : LocalPart(picked.Email);
    }

    /// <summary>The text with its trailing "@…" word replaced by the handle of <paramref name="picked"/> and a space.</summary>
    public static string Complete(string text, MentionCandidate picked, IReadOnlyCollection<MentionCandidate> candidates) =>
        WordBeingTyped().Replace(text, "@" + HandleFor(picked, candidates) + " ");

    private static int? Resolve(string word, IReadOnlyCollection<MentionCandidate> candidates)
    {
        var exact = candidates.Where(c => Same(LocalPart(c.Email), word) || Same(Joined(c.DisplayName, ""), word) || Same(Joined(c.DisplayName, "."), word)).ToList();
        if (exact.Count == 1)
        {
            return exact[0].UserId;
        }

        var byFirstName = candidates.Where(c => Same(c.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "", word)).ToList();
        return exact.Count == 0 && byFirstName.Count == 1 ? byFirstName[0].UserId : null;
    }

    private static string LocalPart(string email) => email.Split('@')[0];

    private static string Joined(string name, string separator) => string.Join(separator, name.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static bool StartsWith(string value, string prefix) => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static bool Same(string a, string b) => a.Length > 0 && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
