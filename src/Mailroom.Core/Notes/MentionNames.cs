using System.Text.RegularExpressions;

namespace Mailroom.Core.Notes;

/// <summary>A colleague who could be named in a note: whoever can see the interaction.</summary>
public sealed record MentionCandidate(int UserId, string DisplayName, string Email);

/// <summary>
/// Finds the colleagues a note names with "@": "@bob", "@bob.smith" or "@BobSmith" for Bob Smith
/// (bob.smith@example.com). A word names someone by their address's local part, their whole name written
/// together, with dots, or their first name when only one candidate has it. An e-mail address in the text
/// ("write to bob@example.com") names nobody.
/// </summary>
public static partial class MentionNames
{
    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+-])@([\p{L}\p{N}][\p{L}\p{N}._-]*)")]
    private static partial Regex Word();

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

    private static bool Same(string a, string b) => a.Length > 0 && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
