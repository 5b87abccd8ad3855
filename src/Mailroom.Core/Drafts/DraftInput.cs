using Mailroom.Core.Common;

namespace Mailroom.Core.Drafts;

/// <summary>The composer's fields as typed: addresses are kept as text, checked only when the message is sent.</summary>
public sealed record DraftInput(string? Mode = "reply", string? To = null, string? Cc = null, string? Bcc = null, string? Subject = null,
    string? Body = null, bool IsHtml = true, long? MessageId = null)
{
    public const int MaxBodyLength = 1_000_000;

    private static readonly string[] Modes = ["reply", "reply-all", "forward"];

    public void Validate()
    {
        new Validator()
            .When(!Modes.Contains(Mode ?? "reply"), "mode", "must be reply, reply-all or forward.")
            .Length("to", To, 0, 2000).Length("cc", Cc, 0, 2000).Length("bcc", Bcc, 0, 2000)
            .Length("subject", Subject, 0, 998)
            .Length("body", Body, 0, MaxBodyLength)
            .ThrowIfInvalid();
    }

    internal void ApplyTo(Draft d, DateTime now)
    {
        d.Mode = Mode ?? "reply";
        d.To = To?.Trim() ?? "";
        d.Cc = Cc?.Trim() ?? "";
        d.Bcc = Bcc?.Trim() ?? "";
        d.Subject = Subject?.Trim() ?? "";
        d.Body = Body ?? "";
        d.IsHtml = IsHtml;
        d.MessageId = MessageId;
        d.UpdatedAt = now;
    }
}

public sealed record DraftView(long Id, long InteractionId, string Name, string Mode, string To, string Cc, string Bcc, string Subject, string Body,
    bool IsHtml, long? MessageId, DateTime UpdatedAt)
{
    /// <summary>"KEY - To", else "KEY - Subject", else "KEY - Untitled".</summary>
    public static string NameOf(string accountKey, string to, string subject) =>
        $"{accountKey} - {(to.Length > 0 ? to : subject.Length > 0 ? subject : "Untitled")}";

    internal static DraftView From(Draft d, string accountKey) =>
        new(d.Id, d.InteractionId, NameOf(accountKey, d.To, d.Subject), d.Mode, d.To, d.Cc, d.Bcc, d.Subject, d.Body, d.IsHtml, d.MessageId, d.UpdatedAt);
}

/// <summary>The author's drafts changed (pushed to that agent only, so another tab's drafts bar follows).</summary>
public sealed record DraftsChanged(int UserId, long InteractionId, long? DraftId, string What);
