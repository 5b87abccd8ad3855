using Mailroom.Core.Interactions;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>In-Reply-To and References that make the customer's client (and our inbound) thread the answer back.</summary>
public sealed record ThreadHeaders(string? InReplyTo, IReadOnlyList<string> References)
{
    public static readonly ThreadHeaders None = new(null, []);

    /// <summary>In-Reply-To = the original's Message-ID; References = its References followed by its Message-ID.</summary>
    public static ThreadHeaders Answering(Message original)
    {
        var references = (original.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.Trim('<', '>')).ToList();
        if (original.MessageIdHeader is { Length: > 0 } id)
        {
            references.Remove(id);
            references.Add(id);
        }

        return new(original.MessageIdHeader, references);
    }

    public static string Subject(string prefix, string original) =>
        original.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? original : $"{prefix} {original}";
}
