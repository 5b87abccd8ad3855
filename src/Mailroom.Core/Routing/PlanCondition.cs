using System.Text.RegularExpressions;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Storage;
using MimeKit;

namespace Mailroom.Core.Routing;

/// <summary>What a GotoIf step looks at: the customer message the plan runs for.</summary>
public sealed record MessageFacts(string From, string To, string Cc, string Subject, string Body, ILookup<string, string> Headers)
{
    public static async Task<MessageFacts> LoadAsync(Message m, BlobStore blobs, bool withHeaders, CancellationToken ct)
    {
        var headers = Enumerable.Empty<Header>();
        if (withHeaders && blobs.Exists(m.RawSha256))
        {
            await using var raw = blobs.OpenRead(m.RawSha256);
            headers = await HeaderList.LoadAsync(ParserOptions.Default, raw, ct);
        }

        var from = m.FromName is { Length: > 0 } name ? $"{name} <{m.From}>" : m.From;
        return new MessageFacts(from, m.To, m.Cc, m.Subject, m.TextBody ?? (m.HtmlBody is { } html ? HtmlToText.Convert(html) : ""),
            headers.ToLookup(h => h.Field, h => h.Value.Trim(), StringComparer.OrdinalIgnoreCase));
    }
}

/// <summary>A GotoIf condition: equals and contains ignore case; a regex gets 100 ms, after which it does not match.</summary>
public static class PlanCondition
{
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    public static bool Matches(ActionPlanStep step, MessageFacts facts)
    {
        var values = step.ConditionField switch
        {
            ConditionField.From => [facts.From],
            ConditionField.To => [facts.To],
            ConditionField.Cc => [facts.Cc],
            ConditionField.Subject => [facts.Subject],
            ConditionField.Body => [facts.Body],
            _ => facts.Headers[step.HeaderName ?? ""].ToArray(),
        };
        var expected = step.ConditionValue ?? "";
        return values.Any(v => step.ConditionOperator switch
        {
            ConditionOperator.Equals => string.Equals(v.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase),
            ConditionOperator.Contains => v.Contains(expected, StringComparison.OrdinalIgnoreCase),
            _ => RegexMatches(v, expected),
        });
    }

    /// <summary>Null if the pattern is a valid regex; else the parser's complaint.</summary>
    public static string? RegexProblem(string? pattern)
    {
        try
        {
            _ = new Regex(pattern ?? "", RegexOptions.CultureInvariant, RegexTimeout);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    private static bool RegexMatches(string input, string pattern)
    {
        try
        {
            return Regex.IsMatch(input, pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
