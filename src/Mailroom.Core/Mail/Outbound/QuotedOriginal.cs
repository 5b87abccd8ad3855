using System.Globalization;
using Mailroom.Core.Interactions;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>The message answered or forwarded, under the agent's words, as mail clients lay it out.</summary>
public static class QuotedOriginal
{
    /// <summary>A forward carries the whole message with its headers ("FORWARD").</summary>
    public static string Forwarded(Message original, BodyFormat format)
    {
        var header = $"---------- Forwarded message ----------\nFrom: {From(original)}\nDate: {Date(original)}\nSubject: {original.Subject}\nTo: {original.To}\n";
        if (!string.IsNullOrEmpty(original.Cc))
        {
            header += $"Cc: {original.Cc}\n";
        }

        return format == BodyFormat.Text
            ? $"\n\n{header}\n{Text(original)}"
            : $"<br><br><div class=\"forwarded\">{Signature.Encode(header)}<br>{Html(original)}</div>";
    }

    /// <summary>A reply with "Show original message" on quotes what it answers: "On …, … wrote:" and the text.</summary>
    public static string Replied(Message original, BodyFormat format)
    {
        var intro = $"On {Date(original)}, {From(original)} wrote:";
        if (format == BodyFormat.Text)
        {
            var quoted = string.Join('\n', Text(original).Split('\n').Select(line => "> " + line.TrimEnd('\r')));
            return $"\n\n{intro}\n{quoted}";
        }

        return $"<br><br><div class=\"quoted\">{Signature.Encode(intro)}<blockquote type=\"cite\">{Html(original)}</blockquote></div>";
    }

    internal static string? IfAsked(Message original, ComposeInput input) =>
        input.QuoteOriginal ? Replied(original, input.Format) : null;

    /// <summary>What the composer shows of the original while the switch is on: plain text, never its HTML.</summary>
    public static string Preview(Message original) => $"On {Date(original)}, {From(original)} wrote:\n{Text(original)}";

    private static string Date(Message original) =>
        original.Date?.ToString("ddd, d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";

    private static string From(Message original) =>
        original.FromName is { Length: > 0 } name ? $"{name} <{original.From}>" : original.From;

    private static string Text(Message original) =>
        original.TextBody ?? (original.HtmlBody is { } h ? HtmlToText.Convert(h) : "");

    private static string Html(Message original) => original.HtmlBody ?? Signature.Encode(original.TextBody ?? "");
}
